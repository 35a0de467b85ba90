package org.happserve.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.domain.Complaint;
import org.happserve.domain.Status;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.SlaTimer;

/**
 * The safety net under the SLA timers, run on a schedule. A timer can be missing — StartExecution
 * failed after the complaint was written, an execution failed or was lost — and then nothing would
 * escalate the complaint. So every run takes the open complaints past due by more than a grace
 * period (a live timer fires well within it) and, where no timer is running, escalates those still
 * due and starts the timer again. A live timer is left to do its work unless the complaint is
 * overdue by far more — a reassignment that shortened the SLA leaves its timer waiting for the old
 * due time. Escalation is conditional, so racing a timer never escalates twice.
 */
public final class ReconcileTimers {
    private static final Logger LOG = LogManager.getLogger(ReconcileTimers.class);
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Duration STALLED = Duration.ofMinutes(30);
    private static final int BATCH = 200;
    private final ComplaintStore store;
    private final ComplaintActions actions;
    private final SlaTimer timer;
    private final Clock clock;
    private final Duration grace;
    private final Duration stalled;

    public ReconcileTimers(ComplaintStore store, ComplaintActions actions, SlaTimer timer, Clock clock, double timeScale) {
        this.store = store;
        this.actions = actions;
        this.timer = timer;
        this.clock = clock;
        // Scaled like every SLA, but never below what a timer needs to fire (moto's is ~1-3 s late).
        this.grace = Duration.ofMillis(Math.max(10_000, Math.round(GRACE.toMillis() / timeScale)));
        this.stalled = Duration.ofMillis(Math.max(30_000, Math.round(STALLED.toMillis() / timeScale)));
    }

    public record Result(int overdue, int escalated, int timersStarted) {}

    public Result run() {
        int escalated = 0;
        int started = 0;
        Instant now = clock.instant();
        var overdue = store.openDueBy(now.minus(grace), BATCH);
        for (Complaint c : overdue) {
            try {
                boolean running = timer.isRunning(c.number(), c.reopenCount());
                if (running && c.dueAt().isAfter(now.minus(stalled))) continue;
                Optional<Complaint> current = actions.escalateIfDue(c.number());
                if (current.isEmpty() || current.get().status() != Status.OPEN) continue;
                Complaint after = current.get();
                if (!after.dueAt().equals(c.dueAt())) escalated++;
                if (!running) {
                    timer.start(after.number(), after.reopenCount(), after.escalationLevel(), after.dueAt());
                    // A round whose execution ended keeps its name; this job then stands in for it.
                    if (timer.isRunning(after.number(), after.reopenCount())) started++;
                }
            } catch (RuntimeException e) {
                // One complaint's trouble must not stop the others; the next run tries it again.
                LOG.error("reconciling {} failed", c.number(), e);
            }
        }
        if (!overdue.isEmpty()) {
            LOG.warn("reconciliation: {} overdue, {} escalated here, {} timers started again",
                    overdue.size(), escalated, started);
        }
        return new Result(overdue.size(), escalated, started);
    }
}
