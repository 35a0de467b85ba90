package org.happserve.app;

import java.time.Clock;
import java.time.Duration;
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
 * escalate the complaint. So every run takes the open complaints that are past due by more than a
 * grace period (a live timer fires well within it), escalates those still due, and starts the timer
 * again where none is running. Escalation is conditional, so racing a live timer changes nothing.
 */
public final class ReconcileTimers {
    private static final Logger LOG = LogManager.getLogger(ReconcileTimers.class);
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final int BATCH = 200;
    private final ComplaintStore store;
    private final ComplaintActions actions;
    private final SlaTimer timer;
    private final Clock clock;
    private final Duration grace;

    public ReconcileTimers(ComplaintStore store, ComplaintActions actions, SlaTimer timer, Clock clock, double timeScale) {
        this.store = store;
        this.actions = actions;
        this.timer = timer;
        this.clock = clock;
        this.grace = Duration.ofMillis(Math.max(1000, Math.round(GRACE.toMillis() / timeScale)));
    }

    public record Result(int overdue, int escalated, int timersStarted) {}

    public Result run() {
        int escalated = 0;
        int started = 0;
        var overdue = store.openDueBy(clock.instant().minus(grace), BATCH);
        for (Complaint c : overdue) {
            try {
                Optional<Complaint> now = actions.escalateIfDue(c.number());
                if (now.isEmpty() || now.get().status() != Status.OPEN) continue;
                Complaint after = now.get();
                if (!after.dueAt().equals(c.dueAt())) escalated++;
                if (!timer.isRunning(after.number(), after.reopenCount())) {
                    timer.start(after.number(), after.reopenCount(), after.escalationLevel(), after.dueAt());
                    started++;
                }
            } catch (RuntimeException e) {
                // One complaint's trouble must not stop the others; the next run tries it again.
                LOG.error("reconciling {} failed", c.number(), e);
            }
        }
        if (!overdue.isEmpty()) {
            LOG.warn("reconciliation: {} overdue without a timer's escalation, {} escalated, {} timers started",
                    overdue.size(), escalated, started);
        }
        return new Result(overdue.size(), escalated, started);
    }
}
