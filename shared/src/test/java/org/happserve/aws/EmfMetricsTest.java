package org.happserve.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
    @Test
    void aCountIsOneEmbeddedMetricFormatDocumentOnOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EmfMetrics("happserve-gmc-QueryComplaintsFunction", Fixtures.CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8))
                .count("RateLimiterUnavailable");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.strip()).doesNotContain("\n");
        JsonNode doc = Lambda.json(text);
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(Fixtures.NOW.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("HappServe");
        assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo("Function");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("RateLimiterUnavailable");
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(doc.path("Function").asText()).isEqualTo("happserve-gmc-QueryComplaintsFunction");
        assertThat(doc.path("RateLimiterUnavailable").asInt()).isEqualTo(1);
    }
}
