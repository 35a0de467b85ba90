package org.happserve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.happserve.domain.FieldError;

/** An HTTP API (payload 2.0) response. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    public static final String PROBLEM_TYPE_BASE = "https://happserve.org/problems/";

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of("content-type", "application/json"), write(body));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body);
    }

    public static ApiResponse problem(ApiException e) {
        ObjectNode p = Json.object();
        p.put("type", PROBLEM_TYPE_BASE + e.type());
        p.put("title", e.title());
        p.put("status", e.status());
        p.put("detail", e.getMessage());
        if (!e.errors().isEmpty()) {
            ArrayNode errors = p.putArray("errors");
            for (FieldError fe : e.errors()) errors.addObject().put("field", fe.field()).put("message", fe.message());
        }
        return new ApiResponse(e.status(), Map.of("content-type", "application/problem+json"), write(p));
    }

    /** The Lambda proxy response document. */
    public ObjectNode toEvent() {
        ObjectNode o = Json.object();
        o.put("statusCode", status);
        ObjectNode h = o.putObject("headers");
        headers.forEach(h::put);
        o.put("body", body);
        o.put("isBase64Encoded", false);
        return o;
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
