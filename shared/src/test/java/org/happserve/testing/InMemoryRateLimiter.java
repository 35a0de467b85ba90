package org.happserve.testing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.happserve.ports.RateLimiter;

/** {@link RateLimiter} in a map, for unit tests: counts per (key, window start), and remembers what it counted. */
public final class InMemoryRateLimiter implements RateLimiter {
    public final Map<String, Long> counts = new ConcurrentHashMap<>();

    @Override
    public long hit(String key, Instant windowStart, Instant expiresAt) {
        return counts.merge(key + "@" + windowStart, 1L, Long::sum);
    }

    /** Hits counted under keys starting with {@code prefix} ("ip#", "mobile#"), over all windows. */
    public long total(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }
}
