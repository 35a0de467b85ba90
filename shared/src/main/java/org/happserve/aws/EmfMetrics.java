package org.happserve.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import org.happserve.http.Json;
import org.happserve.ports.Metrics;

/**
 * {@link Metrics} as CloudWatch embedded metric format: one JSON document per count, on standard
 * output beside the JSON logs, from which CloudWatch Logs extracts the metric (no PutMetricData
 * call on the request path, no extra permission). Namespace {@code HappServe}, dimension
 * {@code Function}.
 */
public final class EmfMetrics implements Metrics {
    public static final String NAMESPACE = "HappServe";
    private final String function;
    private final Clock clock;
    private final PrintStream out;

    public EmfMetrics(String function, Clock clock, PrintStream out) {
        this.function = function == null || function.isBlank() ? "local" : function;
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void count(String name) {
        out.println(document(name));
    }

    String document(String name) {
        ObjectNode doc = Json.object();
        ObjectNode directive = doc.putObject("_aws").put("Timestamp", clock.millis()).putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Function");
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", "Count");
        doc.put("Function", function);
        doc.put(name, 1);
        return doc.toString();
    }
}
