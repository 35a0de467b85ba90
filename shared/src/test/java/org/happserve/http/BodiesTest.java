package org.happserve.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.happserve.domain.FieldError;
import org.happserve.testing.Lambda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodiesTest {

    private static ApiEvent post(String contentType, String body) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) headers.put("content-type", contentType);
        return new ApiEvent("POST /v1/complaints", "POST", "/v1/complaints", headers, Map.of(), Map.of(), body,
                Map.of(), "req-1", null);
    }

    private static ApiException refused(String contentType, String body) {
        return catchThrowableOfType(ApiException.class, () -> Bodies.object(post(contentType, body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
            "application/merge-patch+json"})
    void acceptsJsonContentTypes(String type) {
        assertThat(Bodies.object(post(type, "{\"ward\":\"W01\"}")).path("ward").asText()).isEqualTo("W01");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonp", "text/json"})
    void anotherContentTypeIs415(String type) {
        ApiException e = refused(type, "{}");
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("content-type");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeParsing() {
        String padding = "x".repeat(Bodies.MAX_BYTES);
        ApiException e = refused("application/json", "{\"description\":\"" + padding + "\"}");
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.type()).isEqualTo("payload-too-large");
    }

    @Test
    void theLimitCountsBytesNotCharacters() {
        String gujarati = "લ".repeat(Bodies.MAX_BYTES / 3); // three UTF-8 bytes each
        assertThat(refused("application/json", "{\"d\":\"" + gujarati + "\"}").status()).isEqualTo(413);
        assertThat(Bodies.object(post("application/json", "{\"d\":\"" + "લ".repeat(1000) + "\"}"))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ward\": \"W01\",", "{ward: 'W01'}", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}"})
    void malformedJsonIs400OnTheBody(String body) {
        ApiException e = refused("application/json", body);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
        assertThat(e.getMessage()).startsWith("body is not valid JSON");
    }

    @Test
    void theParserLocationIsReported() {
        assertThat(refused("application/json", "{\n  \"ward\": W01\n}").getMessage()).contains("line 2, column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"ward\":\"W01\"}]", "\"text\"", "42", "null"})
    void aBodyThatIsNotAnObjectIs400(String body) {
        ApiException e = refused("application/json", body);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).containsExactly(new FieldError("body", "must be a JSON object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    @NullSource
    void aMissingBodyIs400(String body) {
        assertThat(refused("application/json", body).errors()).containsExactly(new FieldError("body", "is required"));
    }

    @Test
    void nestingTooDeepIs400() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        ApiException e = refused("application/json", deep);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).containsExactly(new FieldError("body", "is nested too deeply or too large"));
        String fine = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        assertThat(Bodies.object(post("application/json", fine))).isNotNull();
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() {
        JsonNode body = Lambda.json("{\"citizen\":\"Asha\",\"ward\":1,\"lat\":\"23.2\",\"name\":\"Asha\",\"lng\":72.6,\"none\":null}");
        List<FieldError> errors = new ArrayList<>();
        assertThat(Bodies.object(body, "citizen", "citizen", errors)).isNull();
        assertThat(Bodies.text(body, "ward", "complaints[0].ward", errors)).isNull();
        assertThat(Bodies.number(body, "lat", "location.lat", errors)).isNull();
        assertThat(errors).containsExactly(new FieldError("citizen", "must be an object"),
                new FieldError("complaints[0].ward", "must be a string"), new FieldError("location.lat", "must be a number"));

        errors.clear();
        assertThat(Bodies.text(body, "name", "citizen.name", errors)).isEqualTo("Asha");
        assertThat(Bodies.number(body, "lng", "location.lng", errors)).isEqualTo(72.6);
        assertThat(Bodies.text(body, "none", "none", errors)).isNull();
        assertThat(Bodies.text(body, "absent", "absent", errors)).isNull();
        assertThat(errors).isEmpty();
    }
}
