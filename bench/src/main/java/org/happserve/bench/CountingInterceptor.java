package org.happserve.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Counts every SDK call of the process by phase and operation, and DynamoDB request units: those
 * moto reports in ConsumedCapacity (asked for on every request) and our own estimate by the
 * documented on-demand rules (writes 1 WRU per KB, transactional writes 2x; reads 1 RRU per 4 KB
 * strongly consistent, 0.5 eventually consistent, transactional reads 2x). Registered only for the
 * cost command, as a global interceptor (bench/src/cost-resources on its class path).
 */
public final class CountingInterceptor implements ExecutionInterceptor {
    public static volatile String phase = "setup";
    /** phase|service.operation -> [calls, reported capacity units, estimated RRU, estimated WRU] */
    public static final Map<String, DoubleAdder[]> COUNTS = new ConcurrentHashMap<>();

    private static DoubleAdder[] slot(String key) {
        return COUNTS.computeIfAbsent(key, k -> new DoubleAdder[] {new DoubleAdder(), new DoubleAdder(), new DoubleAdder(), new DoubleAdder()});
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attrs) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity t = ReturnConsumedCapacity.TOTAL;
        if (r instanceof PutItemRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof UpdateItemRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof DeleteItemRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof GetItemRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof QueryRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof TransactWriteItemsRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof TransactGetItemsRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof BatchGetItemRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        if (r instanceof BatchWriteItemRequest x) return x.toBuilder().returnConsumedCapacity(t).build();
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
        String service = attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        DoubleAdder[] s = slot(phase + "|" + service + "." + op);
        s[0].add(1);
        Object req = context.request();
        Object resp = context.response();
        double reported = 0;
        double rru = 0;
        double wru = 0;
        if (resp instanceof PutItemResponse x) reported = units(x.consumedCapacity());
        if (resp instanceof UpdateItemResponse x) reported = units(x.consumedCapacity());
        if (resp instanceof DeleteItemResponse x) reported = units(x.consumedCapacity());
        if (resp instanceof GetItemResponse x) reported = units(x.consumedCapacity());
        if (resp instanceof QueryResponse x) reported = units(x.consumedCapacity());
        if (resp instanceof TransactWriteItemsResponse x) reported = sum(x.consumedCapacity());
        if (resp instanceof TransactGetItemsResponse x) reported = sum(x.consumedCapacity());
        if (resp instanceof BatchGetItemResponse x) reported = sum(x.consumedCapacity());
        if (req instanceof PutItemRequest x) wru = Math.ceil(size(x.item()) / 1024.0);
        if (req instanceof UpdateItemRequest) wru = 1; // the item after the update is at most 1 KB here
        if (req instanceof DeleteItemRequest) wru = 1;
        if (req instanceof TransactWriteItemsRequest x) {
            for (TransactWriteItem i : x.transactItems()) wru += 2 * (i.put() != null ? Math.ceil(size(i.put().item()) / 1024.0) : 1);
        }
        if (req instanceof BatchWriteItemRequest x) {
            for (List<WriteRequest> l : x.requestItems().values()) {
                for (WriteRequest w : l) wru += w.putRequest() != null ? Math.ceil(size(w.putRequest().item()) / 1024.0) : 1;
            }
        }
        if (req instanceof GetItemRequest x && resp instanceof GetItemResponse y) {
            rru = Math.max(1, Math.ceil(size(y.item()) / 4096.0)) * (Boolean.TRUE.equals(x.consistentRead()) ? 1 : 0.5);
        }
        if (req instanceof QueryRequest x && resp instanceof QueryResponse y) {
            double bytes = 0;
            for (Map<String, AttributeValue> item : y.items()) bytes += size(item);
            rru = Math.max(1, Math.ceil(bytes / 4096.0)) * (Boolean.TRUE.equals(x.consistentRead()) ? 1 : 0.5);
        }
        if (resp instanceof TransactGetItemsResponse y) {
            for (ItemResponse i : y.responses()) rru += 2 * Math.max(1, Math.ceil(size(i.item()) / 4096.0));
        }
        if (resp instanceof BatchGetItemResponse y) {
            for (List<Map<String, AttributeValue>> l : y.responses().values()) {
                for (Map<String, AttributeValue> item : l) rru += 0.5 * Math.max(1, Math.ceil(size(item) / 4096.0));
            }
        }
        s[1].add(reported);
        s[2].add(rru);
        s[3].add(wru);
    }

    private static double units(ConsumedCapacity c) {
        return c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
    }

    private static double sum(Collection<ConsumedCapacity> cs) {
        return cs == null ? 0 : cs.stream().mapToDouble(CountingInterceptor::units).sum();
    }

    /** DynamoDB's item size: attribute names plus values (UTF-8 strings, numbers ~1 byte per 2 digits, +3 per list/map). */
    static double size(Map<String, AttributeValue> item) {
        if (item == null) return 0;
        double n = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) n += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        return n;
    }

    static double size(AttributeValue v) {
        if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
        if (v.n() != null) return v.n().length() / 2.0 + 1;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.b() != null) return v.b().asByteArray().length;
        if (v.hasL()) return 3 + v.l().stream().mapToDouble(x -> 1 + size(x)).sum();
        if (v.hasM()) return 3 + size(v.m()) + v.m().size();
        if (v.hasSs()) return v.ss().stream().mapToDouble(x -> x.length()).sum();
        return 1;
    }
}
