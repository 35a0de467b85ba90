package org.happserve.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.happserve.http.Json;

/**
 * Edits of an API Gateway HTTP API (payload 2.0) event, keeping the event self-consistent (body
 * and content-length, query map and raw query string, path parameter and paths). Each returns
 * the same event, so edits chain.
 */
public final class Events {
    private Events() {}

    public static ObjectNode withBody(ObjectNode event, String body) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        headers(event).put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return event;
    }

    public static ObjectNode withBody(ObjectNode event, JsonNode body) {
        try {
            return withBody(event, Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event's JSON body, parsed. */
    public static ObjectNode body(ObjectNode event) {
        return (ObjectNode) Lambda.json(event.get("body").asText());
    }

    /** Changes the JSON body in place, e.g. {@code editBody(e, b -> b.put("ward", "W02"))}. */
    public static ObjectNode editBody(ObjectNode event, Consumer<ObjectNode> edit) {
        ObjectNode body = body(event);
        edit.accept(body);
        return withBody(event, body);
    }

    public static ObjectNode withHeader(ObjectNode event, String name, String value) {
        headers(event).put(name.toLowerCase(), value);
        return event;
    }

    public static ObjectNode withoutHeader(ObjectNode event, String name) {
        headers(event).remove(name.toLowerCase());
        return event;
    }

    /** No JWT authorizer context and no bearer token: how a request from outside the staff console arrives. */
    public static ObjectNode anonymous(ObjectNode event) {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return withoutHeader(event, "authorization");
    }

    /** Sets a claim as API Gateway passes it ({@code cognito:groups} as {@code "[a b]"}). */
    public static ObjectNode withClaim(ObjectNode event, String name, String value) {
        claims(event).put(name, value);
        return event;
    }

    public static ObjectNode withoutClaim(ObjectNode event, String name) {
        claims(event).remove(name);
        return event;
    }

    public static ObjectNode withGroups(ObjectNode event, String groups) {
        return withClaim(event, "cognito:groups", groups);
    }

    /** Replaces the query string (values unencoded, as in {@code queryStringParameters}). */
    public static ObjectNode withQuery(ObjectNode event, Map<String, String> params) {
        if (params.isEmpty()) {
            event.remove("queryStringParameters");
        } else {
            ObjectNode q = event.putObject("queryStringParameters");
            params.forEach(q::put);
        }
        event.put("rawQueryString", params.entrySet().stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&")));
        return event;
    }

    /** Points a {@code /v1/complaints/{number}} event at another complaint. */
    public static ObjectNode withNumber(ObjectNode event, String number) {
        ((ObjectNode) event.get("pathParameters")).put("number", number);
        String path = "/v1/complaints/" + number;
        event.put("rawPath", path);
        ((ObjectNode) event.get("requestContext").get("http")).put("path", path);
        return event;
    }

    /** The client address API Gateway saw ({@code requestContext.http.sourceIp}); null removes it. */
    public static ObjectNode withSourceIp(ObjectNode event, String ip) {
        ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
        if (ip == null) http.remove("sourceIp");
        else http.put("sourceIp", ip);
        return event;
    }

    private static ObjectNode headers(ObjectNode event) {
        return event.has("headers") ? (ObjectNode) event.get("headers") : event.putObject("headers");
    }

    private static ObjectNode claims(ObjectNode event) {
        return ((ObjectNode) event.get("requestContext")).withObjectProperty("authorizer")
                .withObjectProperty("jwt").withObjectProperty("claims");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
