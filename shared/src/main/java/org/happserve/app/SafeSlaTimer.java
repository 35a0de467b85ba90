package org.happserve.app;

import java.time.Instant;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.domain.Complaint;
import org.happserve.domain.Status;
import org.happserve.ports.ComplaintStore;
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

    /**
     * Starts the timer of the round a change just opened. A close can land between that change's
     * write and this start; then the round is already over, so the timer is stopped again rather
     * than left waiting on a closed complaint.
     */
    public void startRound(Complaint opened, ComplaintStore store) {
        start(opened.number(), opened.reopenCount(), opened.escalationLevel(), opened.dueAt());
        boolean ended = store.get(opened.number())
                .map(c -> c.status() != Status.OPEN || c.reopenCount() != opened.reopenCount()).orElse(true);
        if (ended) stop(opened.number(), opened.reopenCount());
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
