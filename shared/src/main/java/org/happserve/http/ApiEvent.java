package org.happserve.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an HTTP API payload 2.0 event that handlers use. Header names are lower case.
 * {@code sourceIp} is API Gateway's {@code requestContext.http.sourceIp}, the address of the TCP peer
 * (not X-Forwarded-For, which a client can write); null on events that did not come through it.
 */
public record ApiEvent(String routeKey, String method, String path, Map<String, String> headers,
                       Map<String, String> query, Map<String, String> pathParameters, String body,
                       Map<String, String> claims, String requestId, String sourceIp) {

    public static ApiEvent parse(JsonNode e) {
        JsonNode ctx = e.path("requestContext");
        String body = e.path("body").isTextual() ? e.get("body").asText() : null;
        if (body != null && e.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        e.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        return new ApiEvent(e.path("routeKey").asText(""), ctx.path("http").path("method").asText(""),
                e.path("rawPath").asText(""), headers, strings(e.path("queryStringParameters")),
                strings(e.path("pathParameters")), body, strings(ctx.path("authorizer").path("jwt").path("claims")),
                ctx.path("requestId").asText(null), ctx.path("http").path("sourceIp").asText(null));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        return m;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String queryParam(String name) {
        String v = query.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
