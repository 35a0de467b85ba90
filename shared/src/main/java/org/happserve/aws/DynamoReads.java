package org.happserve.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads that take more than one request: every page of a Query, BatchGetItem in slices of 100. */
final class DynamoReads {
    private static final int BATCH_GET = 100;

    private DynamoReads() {}

    /** Every item of the query, page by page, consistently read. */
    static List<Map<String, AttributeValue>> queryAll(DynamoDbClient dynamo, Consumer<QueryRequest.Builder> request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> {
                request.accept(r);
                r.consistentRead(true).exclusiveStartKey(from);
            });
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /**
     * The items with these keys that exist (keys must be distinct), consistently read, in no
     * particular order, with only the given attributes (null: all).
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
                                                      List<String> attributes) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        if (attributes != null) for (int i = 0; i < attributes.size(); i++) names.put("#a" + i, attributes.get(i));
        for (int i = 0; i < keys.size(); i += BATCH_GET) {
            KeysAndAttributes.Builder slice = KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + BATCH_GET))).consistentRead(true);
            if (attributes != null) {
                slice.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
            }
            Map<String, KeysAndAttributes> ask = Map.of(table, slice.build());
            for (int attempt = 0; !ask.isEmpty(); attempt++) {
                if (attempt > 0) pause(attempt);
                Map<String, KeysAndAttributes> request = ask;
                var response = dynamo.batchGetItem(r -> r.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                ask = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** Unprocessed keys mean the table is being throttled: back off before asking again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a batch read", e);
        }
    }
}
