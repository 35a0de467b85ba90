package org.happserve.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.happserve.aws.Adapters;
import org.happserve.http.Json;
import org.happserve.ports.ComplaintStore;

/**
 * Run by EventBridge Scheduler every few minutes: folds the report counters changed since the last
 * run into per-day snapshots, so that a report reads one item per day plus the few changed since.
 */
public final class CompactReportsHandler implements RequestStreamHandler {
    private final ComplaintStore store;

    public CompactReportsHandler() {
        this(System.getenv());
    }

    public CompactReportsHandler(Map<String, String> env) {
        this(Adapters.from(env).complaintStore());
    }

    public CompactReportsHandler(ComplaintStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the schedule's payload carries nothing this job needs
        ComplaintStore.Compaction c = store.compactStats();
        Json.MAPPER.writeValue(output, Json.object().put("days", c.days()).put("markersCleared", c.cleared()));
    }
}
