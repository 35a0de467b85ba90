package org.happserve.ports;

import java.time.Instant;

/**
 * The SLA timer of one complaint: one per (number, reopenCount), so a retried start never creates
 * a second live timer. It waits until {@code dueAt}, asks the escalation function what to do and
 * repeats while the complaint stays open.
 */
public interface SlaTimer {
    /** Starts the timer; starting one that already exists is a no-op. */
    void start(String number, int reopenCount, int level, Instant dueAt);

    /** Stops the timer; one that has already finished, or never started, is fine. */
    void stop(String number, int reopenCount);

    boolean isRunning(String number, int reopenCount);
}
