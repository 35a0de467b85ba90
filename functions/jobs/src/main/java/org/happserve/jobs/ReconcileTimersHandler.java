package org.happserve.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.happserve.app.ReconcileTimers;
import org.happserve.aws.Adapters;
import org.happserve.http.Json;

/** Run by EventBridge Scheduler every few minutes: escalates what a missing SLA timer missed and restarts it. */
public final class ReconcileTimersHandler implements RequestStreamHandler {
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
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the schedule's payload carries nothing this job needs
        ReconcileTimers.Result r = reconcile.run();
        Json.MAPPER.writeValue(output, Json.object().put("overdue", r.overdue()).put("escalated", r.escalated())
                .put("timersStarted", r.timersStarted()));
    }
}
