package org.happserve.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.happserve.aws.Adapters;
import org.happserve.aws.ScheduledHandler;
import org.happserve.http.Json;
import org.happserve.ports.ComplaintStore;

/**
 * Run by EventBridge Scheduler every few minutes: folds the report counters changed since the last
 * run into per-day snapshots, so that a report reads one item per day plus the few changed since.
 */
public final class CompactReportsHandler extends ScheduledHandler {
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
    protected ObjectNode run() {
        ComplaintStore.Compaction c = store.compactStats();
        return Json.object().put("days", c.days()).put("markersCleared", c.cleared());
    }
}
