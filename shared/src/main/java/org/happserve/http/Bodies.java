package org.happserve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.happserve.domain.FieldError;

/**
 * Reading a JSON request body field by field, so that every type error names its field
 * ({@code citizen.mobile must be a string}) instead of surfacing as a parser message.
 */
public final class Bodies {
    /** Larger bodies are refused with 413 before parsing. */
    public static final int MAX_BYTES = 64 * 1024;

    private Bodies() {}

    /** The body as a JSON object: 415 for another content type, 413 when too large, 400 when not JSON. */
    public static JsonNode object(ApiEvent event) {
        String type = event.header("content-type");
        if (type == null || !type.toLowerCase().matches("application/(\\S+\\+)?json\\s*(;.*)?")) {
            throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json", List.of(new FieldError("content-type", "must be application/json")));
        }
        String body = event.body();
        if (body == null || body.isBlank()) throw ApiException.badRequest("body", "is required");
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ApiException(413, "payload-too-large", "Request too large",
                    "the body must be at most " + MAX_BYTES + " bytes", List.of(new FieldError("body", "too large")));
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("body", "is nested too deeply or too large");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body", "is not valid JSON ("
                    + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ") + e.getOriginalMessage().split("\n")[0] + ")");
        }
        if (node == null || !node.isObject()) throw ApiException.badRequest("body", "must be a JSON object");
        return node;
    }

    /** A string field, or null when absent or null; a value of another type is an error. */
    public static String text(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        // JSON escapes can carry lone surrogates (e.g. "\ud800"), which no store can encode as UTF-8.
        if (!wellFormed(v.asText())) {
            errors.add(new FieldError(path, "must be valid Unicode text"));
            return null;
        }
        return v.asText();
    }

    /** No lone (unpaired) UTF-16 surrogates. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return false;
        }
        return true;
    }

    public static Double number(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) {
            errors.add(new FieldError(path, "must be a number"));
            return null;
        }
        return v.asDouble();
    }

    /** An object field, or null when absent; a value of another type is an error. */
    public static JsonNode object(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            return null;
        }
        return v;
    }
}
