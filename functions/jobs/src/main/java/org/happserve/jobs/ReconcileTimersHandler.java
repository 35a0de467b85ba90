package org.happserve.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.happserve.app.ReconcileTimers;
import org.happserve.aws.Adapters;
import org.happserve.aws.ScheduledHandler;
import org.happserve.http.Json;

/** Run by EventBridge Scheduler every few minutes: escalates what a missing SLA timer missed and restarts it. */
public final class ReconcileTimersHandler extends ScheduledHandler {
    private final ReconcileTimers reconcile;

    public ReconcileTimersHandler() {
        this(System.getenv());
    }

    public ReconcileTimersHandler(Map<String, String> env) {
        this(Adapters.from(env));
    }

    private ReconcileTimersHandler(Adapters a) {
        this(new ReconcileTimers(a.complaintStore(), a.actions(), a.slaTimer(), a.clock(), a.timeScale()));
    }

    public ReconcileTimersHandler(ReconcileTimers reconcile) {
        this.reconcile = reconcile;
    }

    @Override
    protected ObjectNode run() {
        ReconcileTimers.Result r = reconcile.run();
        return Json.object().put("overdue", r.overdue()).put("escalated", r.escalated())
                .put("timersStarted", r.timersStarted());
    }
}
