package org.happserve.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.happserve.domain.Mobile;
import org.happserve.http.Json;

/**
 * Token buckets for the public routes a guesser could use to enumerate complaints or mobiles
 * (a citizen's lookup and reopen): one bucket per source IP and one per mobile number asked about.
 * A request spends one token from each; an empty bucket answers 429 with Retry-After. Staff calls
 * (an Authorization header, verified by the handler) are not counted.
 *
 * <p>Limits come from system properties so that a test or a demonstration can change them:
 * {@code happserve.throttle.ip.rate} / {@code .burst} (default 20/s, burst 60) and
 * {@code happserve.throttle.mobile.rate} / {@code .burst} (default 10 per minute, burst 10).
 */
final class PublicThrottle {
    /** Routes (route keys) the throttle applies to. */
    static final Set<String> ROUTES = Set.of("GET /v1/complaints/{number}", "POST /v1/complaints/{number}/reopen");
    /** Above this many buckets the idle ones are forgotten (a scan of random IPs cannot exhaust memory). */
    private static final int MAX_BUCKETS = 50_000;

    record Limit(double perSecond, double burst) {}

    private final Limit perIp;
    private final Limit perMobile;
    private final Map<String, Bucket> ips = new ConcurrentHashMap<>();
    private final Map<String, Bucket> mobiles = new ConcurrentHashMap<>();

    PublicThrottle(Limit perIp, Limit perMobile) {
        this.perIp = perIp;
        this.perMobile = perMobile;
    }

    static PublicThrottle fromSystemProperties() {
        return new PublicThrottle(
                new Limit(property("happserve.throttle.ip.rate", 20), property("happserve.throttle.ip.burst", 60)),
                new Limit(property("happserve.throttle.mobile.rate", 10.0 / 60), property("happserve.throttle.mobile.burst", 10)));
    }

    private static double property(String name, double fallback) {
        String v = System.getProperty(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    /**
     * Spends a token for this source IP and (when the request names one) this mobile; answers 0
     * when the request may go on, otherwise the seconds to wait before trying again.
     */
    long admit(String sourceIp, String mobile) {
        long ipWait = take(ips, sourceIp, perIp);
        if (ipWait > 0) return ipWait;
        String key = mobile == null ? null : Mobile.normalize(mobile).orElse(null);
        return key == null ? 0 : take(mobiles, key, perMobile);
    }

    /** The mobile a request names: {@code ?mobile=} on a lookup, the body's {@code mobile} on a reopen. */
    static String mobileOf(String method, String rawQuery, byte[] body) {
        if (method.equals("GET")) {
            if (rawQuery == null) return null;
            for (String pair : rawQuery.split("&")) {
                if (!pair.startsWith("mobile=")) continue;
                try {
                    return java.net.URLDecoder.decode(pair.substring(7), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return null;
                }
            }
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.path("mobile").isTextual() ? node.get("mobile").asText() : null;
        } catch (Exception notJson) {
            return null; // the handler refuses it; the IP bucket was charged
        }
    }

    private static long take(Map<String, Bucket> buckets, String key, Limit limit) {
        if (buckets.size() > MAX_BUCKETS) buckets.values().removeIf(b -> b.full(limit));
        return buckets.computeIfAbsent(key, k -> new Bucket(limit.burst())).take(limit);
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        private void refill(Limit limit) {
            long now = System.nanoTime();
            tokens = Math.min(limit.burst(), tokens + (now - last) / 1e9 * limit.perSecond());
            last = now;
        }

        synchronized long take(Limit limit) {
            refill(limit);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        }

        synchronized boolean full(Limit limit) {
            refill(limit);
            return tokens >= limit.burst();
        }
    }
}
