package org.happserve.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.happserve.http.ApiResponse;
import org.happserve.http.Json;

/** Invokes a handler as the Lambda runtime does: the event as a byte stream in, the answer as a byte stream out. */
public final class Lambda {
    private Lambda() {}

    /** The handler's raw JSON answer to {@code payload}. */
    public static JsonNode invoke(RequestStreamHandler handler, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json(out.toString(StandardCharsets.UTF_8));
    }

    /** Parses JSON text without checked exceptions. */
    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP answer of an API Gateway function to a payload 2.0 event. */
    public static HttpResult http(RequestStreamHandler handler, JsonNode event) {
        JsonNode r = invoke(handler, event.toString());
        Map<String, String> headers = new HashMap<>();
        r.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        JsonNode body = r.hasNonNull("body") ? json(r.get("body").asText()) : null;
        return new HttpResult(r.path("statusCode").asInt(), headers, body, r.path("isBase64Encoded").asBoolean());
    }

    /** A Lambda proxy response with its body parsed. Header names are lower case. */
    public record HttpResult(int status, Map<String, String> headers, JsonNode body, boolean base64) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Asserts an RFC 9457 problem+json answer with this status whose {@code errors} name exactly
         * these fields (in any order); no fields given means none are checked.
         */
        public HttpResult assertProblem(int expectedStatus, String... fields) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(header("content-type")).isEqualTo("application/problem+json");
            assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(body.path("type").asText()).startsWith(ApiResponse.PROBLEM_TYPE_BASE);
            assertThat(body.path("title").asText()).isNotBlank();
            assertThat(body.path("detail").asText()).isNotBlank();
            if (fields.length > 0) assertThat(errorFields()).containsExactlyInAnyOrder(fields);
            return this;
        }

        /** The {@code field} of each entry in a problem's {@code errors}. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }
    }
}
