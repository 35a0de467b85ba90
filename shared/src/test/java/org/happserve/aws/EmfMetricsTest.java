package org.happserve.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.happserve.testing.Lambda;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
    @Test
    void aCountIsOneEmbeddedMetricFormatDocumentOnOneLine() {
        // CloudWatch takes metrics up to two weeks old only: a fixed clock near now.
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            new EmfMetrics("happserve-gmc-QueryComplaintsFunction", clock).count("RateLimiterUnavailable");
        } finally {
            System.setOut(stdout);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.strip()).doesNotContain("\n");
        JsonNode doc = Lambda.json(text);
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(directive.path("Namespace").asText()).isEqualTo("HappServe");
        assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo("Function");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("RateLimiterUnavailable");
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(doc.path("Function").asText()).isEqualTo("happserve-gmc-QueryComplaintsFunction");
        assertThat(doc.path("RateLimiterUnavailable").asInt()).isEqualTo(1);
    }
}
