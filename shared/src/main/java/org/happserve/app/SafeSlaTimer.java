package org.happserve.app;

import java.time.Instant;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.ports.SlaTimer;

/**
 * Starting or stopping a timer must never fail the complaint change that asked for it: the change
 * is already written, and the scheduled reconciliation repairs any timer that is missing.
 */
public final class SafeSlaTimer implements SlaTimer {
    private static final Logger LOG = LogManager.getLogger(SafeSlaTimer.class);
    private final SlaTimer timer;

    public SafeSlaTimer(SlaTimer timer) {
        this.timer = timer;
    }

    @Override
    public void start(String number, int reopenCount, int level, Instant dueAt) {
        try {
            timer.start(number, reopenCount, level, dueAt);
        } catch (RuntimeException e) {
            LOG.warn("SLA timer of {} (reopen {}) did not start; reconciliation will: {}", number, reopenCount, e.toString());
        }
    }

    @Override
    public void stop(String number, int reopenCount) {
        try {
            timer.stop(number, reopenCount);
        } catch (RuntimeException e) {
            // A timer left running finds the complaint closed when it wakes and ends itself.
            LOG.warn("SLA timer of {} (reopen {}) did not stop: {}", number, reopenCount, e.toString());
        }
    }

    @Override
    public boolean isRunning(String number, int reopenCount) {
        return timer.isRunning(number, reopenCount);
    }
}
