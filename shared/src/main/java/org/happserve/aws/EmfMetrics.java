package org.happserve.aws;

import java.time.Clock;
import org.happserve.ports.Metrics;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * {@link Metrics} in CloudWatch embedded metric format (aws-embedded-metrics): one JSON document
 * per count on standard output beside the JSON logs, from which CloudWatch Logs extracts the
 * metric — no PutMetricData call on the request path, no extra permission. Namespace
 * {@code HappServe}, dimension {@code Function}.
 */
public final class EmfMetrics implements Metrics {
    public static final String NAMESPACE = "HappServe";
    private final String function;
    private final Clock clock;

    public EmfMetrics(String function, Clock clock) {
        this.function = function == null || function.isBlank() ? "local" : function;
        this.clock = clock;
    }

    @Override
    public void count(String name) {
        // The Lambda environment, named rather than detected, writes to stdout here and locally
        // alike: detection would probe for a CloudWatch agent and EC2 metadata off Lambda.
        MetricsLogger metrics = new MetricsLogger(new LambdaEnvironment());
        metrics.setNamespace(NAMESPACE);
        metrics.setDimensions(DimensionSet.of("Function", function));
        metrics.setTimestamp(clock.instant());
        metrics.putMetric(name, 1, Unit.COUNT);
        metrics.flush();
    }
}
