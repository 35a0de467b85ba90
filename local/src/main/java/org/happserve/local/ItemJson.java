package org.happserve.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.happserve.http.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB items as DynamoDB JSON ({@code {"pk":{"S":"…"},"n":{"N":"1"}}}), the format of DynamoDB's own
 * export to S3, so that an export made here and one made by AWS read alike. Attributes are sorted.
 */
final class ItemJson {
    private ItemJson() {}

    static ObjectNode write(Map<String, AttributeValue> item) {
        ObjectNode o = Json.object();
        new TreeMap<>(item).forEach((k, v) -> o.set(k, value(v)));
        return o;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode o = Json.object();
        switch (v.type()) {
            case S -> o.put("S", v.s());
            case N -> o.put("N", v.n());
            case BOOL -> o.put("BOOL", v.bool());
            case NUL -> o.put("NULL", true);
            case B -> o.put("B", v.b().asByteArray());
            case SS -> strings(o.putArray("SS"), v.ss());
            case NS -> strings(o.putArray("NS"), v.ns());
            case BS -> v.bs().forEach(b -> o.withArray("BS").add(b.asByteArray()));
            case L -> {
                ArrayNode a = o.putArray("L");
                v.l().forEach(x -> a.add(value(x)));
            }
            case M -> o.set("M", write(v.m()));
            default -> throw new IllegalArgumentException("unsupported attribute type " + v.type());
        }
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    static Map<String, AttributeValue> read(JsonNode item) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        item.fields().forEachRemaining(f -> m.put(f.getKey(), attribute(f.getValue())));
        return m;
    }

    private static AttributeValue attribute(JsonNode v) {
        String type = v.fieldNames().next();
        JsonNode x = v.get(type);
        try {
            return switch (type) {
                case "S" -> AttributeValue.fromS(x.asText());
                case "N" -> AttributeValue.fromN(x.asText());
                case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
                case "NULL" -> AttributeValue.fromNul(true);
                case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(x.binaryValue()));
                case "SS" -> AttributeValue.fromSs(texts(x));
                case "NS" -> AttributeValue.fromNs(texts(x));
                case "BS" -> {
                    List<SdkBytes> bs = new ArrayList<>();
                    for (JsonNode b : x) bs.add(SdkBytes.fromByteArray(b.binaryValue()));
                    yield AttributeValue.fromBs(bs);
                }
                case "L" -> {
                    List<AttributeValue> l = new ArrayList<>();
                    x.forEach(e -> l.add(attribute(e)));
                    yield AttributeValue.fromL(l);
                }
                case "M" -> AttributeValue.fromM(read(x));
                default -> throw new IllegalArgumentException("unknown attribute type " + type);
            };
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.asText()));
        return out;
    }
}
