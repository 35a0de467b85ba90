package org.happserve.aws;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Directory;
import org.happserve.domain.Times;
import org.happserve.ports.DirectoryStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The directory as one item: read in one request, replaced whole, always complete. */
public final class DynamoDirectoryStore implements DirectoryStore {
    private static final Map<String, AttributeValue> KEY = Map.of(
            "pk", AttributeValue.fromS("DIR"), "sk", AttributeValue.fromS("CURRENT"));
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDirectoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Directory> load() {
        var item = dynamo.getItem(r -> r.tableName(table).key(KEY)).item();
        if (item == null || !item.containsKey("doc")) return Optional.empty();
        return Optional.of(DirectoryJson.parse(item.get("doc").s()));
    }

    @Override
    public void save(Directory directory) {
        var item = new java.util.HashMap<>(KEY);
        item.put("type", AttributeValue.fromS("DIRECTORY"));
        item.put("doc", AttributeValue.fromS(DirectoryJson.write(directory)));
        item.put("updatedAt", AttributeValue.fromS(Times.iso(Instant.now())));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }
}
