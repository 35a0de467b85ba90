package org.happserve.aws;

import static org.happserve.aws.ComplaintItems.key;
import static org.happserve.aws.ComplaintItems.n;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.happserve.ports.RateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link RateLimiter} on the complaints table: one item per key and window, {@code pk = RATE#<key>},
 * {@code sk = <window start>}, counted with one atomic {@code UpdateItem ADD} that returns the new
 * count (no read, no condition: a refused request is counted too, which changes nothing for the
 * caller). The items carry {@code expiresAt}: they are expendable, and TTL removes them.
 */
public final class DynamoRateLimiter implements RateLimiter {
    /** The prefix the lookup function's IAM policy limits its writes to (dynamodb:LeadingKeys). */
    public static final String PREFIX = "RATE#";
    /**
     * Bounds the counter's call, retries included: the caller lets the request through when it
     * fails, and a slow DynamoDB must not make the lookup slow either.
     */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimiter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long hit(String key, Instant windowStart, Instant expiresAt) {
        var updated = dynamo.updateItem(r -> r.tableName(table).key(key(PREFIX + key, windowStart.toString()))
                .updateExpression("ADD hits :one SET expiresAt = :expires")
                .expressionAttributeValues(Map.of(":one", n(1), ":expires", n(expiresAt.getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW)
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)));
        return Long.parseLong(updated.attributes().get("hits").n());
    }
}
