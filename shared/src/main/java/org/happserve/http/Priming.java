package org.happserve.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes the snapshot of an initialised function, run a few
 * requests that only READ (the directory, an unknown complaint number, an invalid body refused
 * before any write), so that the snapshot holds loaded and linked classes, a warm Jackson, SDK
 * clients with their endpoint rules resolved and an open connection pool. A failed priming step is
 * logged and skipped: it never fails the snapshot. On a JVM without CRaC (tests, the local runtime)
 * registering costs nothing and the hook never runs.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LogManager.getLogger(Priming.class);
    /** org.crac holds resources weakly: keep them. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();
    private final List<Runnable> reads;

    private Priming(List<Runnable> reads) {
        this.reads = reads;
    }

    /** Registers read-only priming steps to run before a checkpoint (SnapStart's snapshot). */
    public static void register(Runnable... reads) {
        Priming p = new Priming(List.of(reads));
        REGISTERED.add(p);
        Core.getGlobalContext().register(p);
    }

    /** Runs the steps now (the checkpoint hook, and measurements of what priming buys). */
    public void prime() {
        for (Runnable r : reads) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("priming step failed, skipped: {}", e.toString());
            }
        }
    }

    /** Runs every registered priming step now. */
    public static void primeAll() {
        REGISTERED.forEach(Priming::prime);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: clients resolve credentials per request and reconnect on demand.
    }

    /**
     * A synthetic public (no token) API event for priming. It has no source address, so the public
     * routes' rate limits do not count it: priming must only read.
     */
    public static ApiEvent event(String routeKey, Map<String, String> pathParameters, Map<String, String> query, String body) {
        String[] mp = routeKey.split(" ", 2);
        return new ApiEvent(routeKey, mp[0], mp[1], Map.of("content-type", "application/json"), query, pathParameters,
                body, Map.of(), "priming", null);
    }
}
