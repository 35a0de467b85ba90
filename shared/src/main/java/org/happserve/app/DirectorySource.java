package org.happserve.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.happserve.domain.Directory;
import org.happserve.ports.DirectoryStore;

/**
 * The directory as a warm function sees it: read once, then re-read at most once a minute so an
 * administrator's edit reaches every function without a redeploy.
 */
public final class DirectorySource {
    private static final Duration TTL = Duration.ofSeconds(60);
    private final DirectoryStore store;
    private final Clock clock;
    private Directory cached;
    private Instant readAt;

    public DirectorySource(DirectoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public synchronized Directory get() {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(readAt.plus(TTL))) {
            cached = store.load().orElseThrow(() -> new IllegalStateException(
                    "no directory loaded: run the config loader (see README)"));
            readAt = now;
        }
        return cached;
    }
}
