package org.happserve.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.happserve.aws.AwsClients;
import org.happserve.http.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Restores an {@link ExportData} file into an EMPTY table (a new stack's, created from template.yaml):
 * it refuses a non-empty table (a restore never overwrites live records) and a file whose trailer
 * is missing or whose count disagrees (a truncated export). Writes in batches of 25, retrying
 * unprocessed items with back-off.
 *
 * <pre>java -cp local/target/happserve-local.jar org.happserve.local.RestoreData FILE TABLE</pre>
 */
public final class RestoreData {
    private RestoreData() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RestoreData FILE TABLE");
            System.exit(2);
        }
        try (DynamoDbClient dynamo = new AwsClients(System.getenv()).dynamo()) {
            long n = restore(dynamo, Path.of(args[0]), args[1]);
            System.out.println("restored " + n + " items into " + args[1]);
        }
    }

    public static long restore(DynamoDbClient dynamo, Path file, String table) throws IOException, InterruptedException {
        List<Map<String, AttributeValue>> items = read(file);
        if (!dynamo.scan(r -> r.tableName(table).limit(1)).items().isEmpty()) {
            throw new IllegalStateException("table " + table + " is not empty: restore only into a new, empty table");
        }
        for (int i = 0; i < items.size(); i += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (var item : items.subList(i, Math.min(items.size(), i + 25))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 10) throw new IllegalStateException("DynamoDB kept items unprocessed; rerun into a new table");
                if (attempt > 0) Thread.sleep(Math.min(2000, 50L << attempt));
                Map<String, List<WriteRequest>> ask = pending;
                pending = dynamo.batchWriteItem(r -> r.requestItems(ask)).unprocessedItems();
            }
        }
        return items.size();
    }

    /** The items of an export, after checking its header and trailer. */
    static List<Map<String, AttributeValue>> read(Path file) throws IOException {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        JsonNode trailer = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonNode header = Json.MAPPER.readTree(in.readLine());
            if (header == null || !ExportData.FORMAT.equals(header.path("format").asText())) {
                throw new IllegalArgumentException(file + " is not a HappServe export");
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) continue;
                if (trailer != null) throw new IllegalArgumentException(file + ": data after the trailer");
                JsonNode node = Json.MAPPER.readTree(line);
                if (node.has("Item")) items.add(ItemJson.read(node.get("Item")));
                else if (node.path("end").asBoolean(false)) trailer = node;
                else throw new IllegalArgumentException(file + ": unexpected line " + line);
            }
        }
        if (trailer == null) throw new IllegalArgumentException(file + " is truncated: no trailer");
        if (trailer.path("items").asLong(-1) != items.size()) {
            throw new IllegalArgumentException(file + ": trailer says " + trailer.path("items") + " items, found " + items.size());
        }
        return items;
    }
}
