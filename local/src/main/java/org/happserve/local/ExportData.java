package org.happserve.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.happserve.aws.AwsClients;
import org.happserve.http.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Exports a municipality's table to a JSON-lines file: a header line, one line per item (DynamoDB
 * JSON, as DynamoDB's export to S3 writes it), and a trailer with the item count that
 * {@link RestoreData} checks. An administrator's tool, not a request path: it reads the table with
 * a consistent Scan, page by page. In AWS prefer the native export (see RELIABILITY.md).
 *
 * <pre>java -cp local/target/happserve-local.jar org.happserve.local.ExportData TABLE FILE</pre>
 * Credentials and region from the environment (AWS_REGION; AWS_ENDPOINT_URL for moto).
 */
public final class ExportData {
    static final String FORMAT = "happserve-export/1";

    private ExportData() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ExportData TABLE FILE");
            System.exit(2);
        }
        try (DynamoDbClient dynamo = new AwsClients(System.getenv()).dynamo()) {
            long n = export(dynamo, args[0], Path.of(args[1]));
            System.out.println("exported " + n + " items of " + args[0] + " to " + args[1]);
        }
    }

    /** Writes the table to {@code file} (replacing it) and answers the number of items. */
    public static long export(DynamoDbClient dynamo, String table, Path file) throws IOException {
        long count = 0;
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            line(out, Json.object().put("format", FORMAT).put("table", table).put("exportedAt", Instant.now().toString()));
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = dynamo.scan(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    line(out, Json.object().set("Item", ItemJson.write(item)));
                    count++;
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            line(out, Json.object().put("end", true).put("items", count));
        }
        // Only a complete export carries the final name.
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return count;
    }

    private static void line(BufferedWriter out, ObjectNode node) throws IOException {
        out.write(Json.MAPPER.writeValueAsString(node));
        out.newLine();
    }
}
