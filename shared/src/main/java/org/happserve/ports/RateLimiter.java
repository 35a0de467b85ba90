package org.happserve.ports;

import java.time.Instant;

/**
 * Request counters in fixed windows, shared by every instance of every function (a counter kept in
 * one Lambda instance's memory would be per instance, and Lambda runs many). What a key means and
 * what limit applies is the caller's business; this only counts.
 */
public interface RateLimiter {
    /**
     * Counts one request for {@code key} in the window that starts at {@code windowStart} and answers
     * how many the window holds now, this one included. The counter may be forgotten after
     * {@code expiresAt}.
     */
    long hit(String key, Instant windowStart, Instant expiresAt);
}
