package org.happserve.aws;

import static org.happserve.aws.ComplaintItems.PK;
import static org.happserve.aws.ComplaintItems.SK;
import static org.happserve.aws.ComplaintItems.key;
import static org.happserve.aws.ComplaintItems.n;
import static org.happserve.aws.ComplaintItems.s;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.happserve.domain.Complaint;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Notification;
import org.happserve.domain.StatDelta;
import org.happserve.domain.Status;
import org.happserve.domain.TimelineEntry;
import org.happserve.domain.Times;
import org.happserve.domain.Transition;
import org.happserve.http.Json;
import org.happserve.ports.ComplaintStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link ComplaintStore} on one DynamoDB table (layout in {@link ComplaintItems}). */
public final class DynamoComplaintStore implements ComplaintStore {
    /** Idempotency keys are kept a day: long enough for any client's retries. */
    private static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    private final DynamoDbClient dynamo;
    private final String table;
    private final ReportCounters counters;

    public DynamoComplaintStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.counters = new ReportCounters(dynamo, table);
    }

    @Override
    public long reserveSequence(String counter, int count) {
        var updated = dynamo.updateItem(r -> r.tableName(table).key(key("SEQ#" + counter, "A"))
                .updateExpression("ADD #v :n")
                .expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":n", n(count)))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get("value").n()) - count + 1;
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(String idemKey) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key("IDEM#" + idemKey, "A")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new IdempotencyRecord(idemKey, item.get("requestHash").s(),
                item.get("numbers").l().stream().map(AttributeValue::s).toList(),
                Times.parse(item.get("createdAt").s())));
    }

    @Override
    public void create(List<NewComplaint> complaints, IdempotencyRecord idem) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (idem != null) {
            Map<String, AttributeValue> item = new HashMap<>(key("IDEM#" + idem.key(), "A"));
            item.put("type", s("IDEMPOTENCY"));
            item.put("requestHash", s(idem.requestHash()));
            item.put("numbers", AttributeValue.fromL(idem.numbers().stream().map(ComplaintItems::s).toList()));
            item.put("createdAt", s(Times.iso(idem.createdAt())));
            item.put("expiresAt", n(idem.createdAt().plus(IDEMPOTENCY_TTL).getEpochSecond()));
            writes.add(putNew(item));
        }
        for (NewComplaint c : complaints) {
            writes.add(putNew(ComplaintItems.complaint(c.complaint())));
            for (int i = 0; i < c.timeline().size(); i++) {
                writes.add(put(ComplaintItems.timeline(c.complaint().number(), c.timeline().get(i),
                        c.complaint().version(), i)));
            }
            c.notifications().forEach(x -> writes.add(put(ComplaintItems.notification(x))));
        }
        writes.addAll(counters.updates(complaints.stream().flatMap(c -> c.stats().stream()).toList()));
        try {
            transact(writes);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (idem != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new IdempotencyKeyInUseException(idem.key());
            }
            throw e;
        }
    }

    /**
     * Report counters are hot items that concurrent writes share; DynamoDB cancels a transaction
     * that collides with another on one of them (TransactionConflict), which is worth retrying.
     */
    private void transact(List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                boolean conflict = e.cancellationReasons().stream().anyMatch(x -> "TransactionConflict".equals(x.code()));
                boolean failedCondition = e.cancellationReasons().stream().anyMatch(x -> "ConditionalCheckFailed".equals(x.code()));
                if (!conflict || failedCondition || attempt == 6) throw e;
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10L << attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public List<StatRow> stats(LocalDate from, LocalDate to) {
        return counters.read(from, to);
    }

    @Override
    public List<StatRow> statsByCategory(LocalDate from, LocalDate to, String ward) {
        return counters.readByCategory(from, to, ward);
    }

    @Override
    public Compaction compactStats() {
        return counters.compact();
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    @Override
    public Optional<Complaint> get(String number) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(ComplaintItems.pk(number), ComplaintItems.META))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ComplaintItems.complaint(item));
    }

    @Override
    public void apply(Transition t) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(ComplaintItems.complaint(t.after()))
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", n(t.before().version())))).build());
        for (int i = 0; i < t.timeline().size(); i++) {
            writes.add(put(ComplaintItems.timeline(t.after().number(), t.timeline().get(i), t.after().version(), i)));
        }
        t.notifications().forEach(x -> writes.add(put(ComplaintItems.notification(x))));
        writes.addAll(counters.updates(t.stats()));
        try {
            transact(writes);
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty() && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                throw new ConcurrentChangeException(t.after().number());
            }
            throw e;
        }
    }

    @Override
    public Optional<ComplaintRecord> find(String number) {
        Complaint complaint = null;
        List<TimelineEntry> timeline = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (var item : DynamoReads.queryAll(dynamo, r -> r.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(ComplaintItems.pk(number)))))) {
            String sk = item.get(SK).s();
            if (sk.equals(ComplaintItems.META)) complaint = ComplaintItems.complaint(item);
            else if (sk.startsWith("T#")) timeline.add(ComplaintItems.timeline(item));
            else if (sk.startsWith("N#")) notifications.add(ComplaintItems.notification(item));
        }
        return complaint == null ? Optional.empty() : Optional.of(new ComplaintRecord(complaint, timeline, notifications));
    }

    @Override
    public List<Complaint> findAll(List<String> numbers) {
        Map<String, Complaint> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = numbers.stream().distinct()
                .map(x -> key(ComplaintItems.pk(x), ComplaintItems.META)).toList();
        DynamoReads.batchGet(dynamo, table, keys, null)
                .forEach(item -> found.put(item.get("number").s(), ComplaintItems.complaint(item)));
        return numbers.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** A query partition: an index, its hash key's value, and its range key. */
    private record Partition(String index, String hashAttr, String hashValue, String rangeAttr) {}

    /**
     * The most selective given filter picks the index (mobile, ward, category, then status); the
     * others filter its partition. With no status given, the status index is read OPEN first, then
     * CLOSED. Newest first.
     */
    @Override
    public Page<Complaint> search(Query q, String cursor, int limit) {
        List<Partition> partitions = new ArrayList<>();
        if (q.mobile() != null) partitions.add(new Partition("ByMobile", "citizenMobile", q.mobile(), "registeredAt"));
        else if (q.ward() != null) partitions.add(new Partition("ByWard", "ward", q.ward(), "registeredAt"));
        else if (q.category() != null) partitions.add(new Partition("ByCategory", "category", q.category(), "registeredAt"));
        else if (q.status() != null) partitions.add(new Partition("ByStatus", "status", q.status().name(), "registeredAt"));
        else for (Status st : Status.values()) partitions.add(new Partition("ByStatus", "status", st.name(), "registeredAt"));
        String hashAttr = partitions.get(0).hashAttr();
        Map<String, AttributeValue> filters = new LinkedHashMap<>();
        if (q.ward() != null && !hashAttr.equals("ward")) filters.put("ward", s(q.ward()));
        if (q.category() != null && !hashAttr.equals("category")) filters.put("category", s(q.category()));
        if (q.status() != null && !hashAttr.equals("status")) filters.put("status", s(q.status().name()));
        if (q.escalationLevel() != null) filters.put("escalationLevel", n(q.escalationLevel()));
        return page(partitions, filters, false, "search:" + q, cursor, limit);
    }

    @Override
    public boolean done(String jobKey) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key("JOB#" + jobKey, "A")).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void markDone(String jobKey) {
        Map<String, AttributeValue> item = new HashMap<>(key("JOB#" + jobKey, "A"));
        item.put("type", s("JOB"));
        item.put("expiresAt", n(Instant.now().plus(Duration.ofDays(7)).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public List<Complaint> openDueBy(Instant dueBy, int limit) {
        return dynamo.query(r -> r.tableName(table).indexName("OpenByDue")
                        .keyConditionExpression("openKey = :open AND dueAt <= :due")
                        .expressionAttributeValues(Map.of(":open", s(Status.OPEN.name()), ":due", s(Times.iso(dueBy))))
                        .limit(limit))
                .items().stream().map(ComplaintItems::complaint).toList();
    }

    @Override
    public Page<Complaint> inbox(String officerId, String cursor, int limit) {
        return page(List.of(new Partition("ByAssignee", "inboxOfficer", officerId, "dueAt")), Map.of(), true,
                "inbox:" + officerId, cursor, limit);
    }

    /**
     * Reads partitions in order, filtering, until a page is full. The cursor records the partition
     * and the last key returned, and is bound to the query that issued it.
     */
    private Page<Complaint> page(List<Partition> partitions, Map<String, AttributeValue> filterValues, boolean ascending,
                                 String query, String cursor, int limit) {
        String fingerprint = Integer.toHexString(query.hashCode()); // String hashes are stable across JVMs
        int part = 0;
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            Cursor c = Cursor.decode(cursor);
            if (!c.q().equals(fingerprint) || c.p() < 0 || c.p() >= partitions.size()) {
                throw new InvalidCursorException("cursor does not belong to this query");
            }
            part = c.p();
            start = c.startKey(keyAttributes(partitions.get(part)));
        }
        List<Complaint> items = new ArrayList<>();
        while (part < partitions.size()) {
            Partition p = partitions.get(part);
            Map<String, String> names = new HashMap<>(Map.of("#h", p.hashAttr()));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":h", s(p.hashValue())));
            List<String> filters = new ArrayList<>();
            filterValues.forEach((attr, value) -> {
                names.put("#" + attr, attr);
                values.put(":" + attr, value);
                filters.add("#" + attr + " = :" + attr);
            });
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(p.index())
                    .keyConditionExpression("#h = :h").expressionAttributeNames(names)
                    .expressionAttributeValues(values).scanIndexForward(ascending)
                    .limit(Math.max(limit, 25)).exclusiveStartKey(start);
            if (!filters.isEmpty()) request.filterExpression(String.join(" AND ", filters));
            QueryResponse response;
            try {
                response = dynamo.query(request.build());
            } catch (DynamoDbException e) {
                if (cursor != null && e.statusCode() == 400) throw new InvalidCursorException("cursor is not valid");
                throw e;
            }
            boolean moreHere = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            for (int i = 0; i < response.items().size(); i++) {
                items.add(ComplaintItems.complaint(response.items().get(i)));
                if (items.size() == limit) {
                    boolean more = i < response.items().size() - 1 || moreHere || part < partitions.size() - 1;
                    return new Page<>(items, more ? new Cursor(part, fingerprint,
                            keyOf(response.items().get(i), keyAttributes(p))).encode() : null);
                }
            }
            if (moreHere) {
                start = response.lastEvaluatedKey();
            } else {
                part++;
                start = null;
            }
        }
        return new Page<>(items, null);
    }

    private static List<String> keyAttributes(Partition p) {
        return List.of(PK, SK, p.hashAttr(), p.rangeAttr());
    }

    private static Map<String, String> keyOf(Map<String, AttributeValue> item, List<String> attributes) {
        Map<String, String> k = new LinkedHashMap<>();
        for (String a : attributes) k.put(a, item.get(a).s());
        return k;
    }

    /** The opaque pagination token: base64url JSON of partition, query fingerprint and last key. */
    record Cursor(int p, String q, Map<String, String> k) {
        String encode() {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(this));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Cursor decode(String token) {
            try {
                Cursor c = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(token), new TypeReference<Cursor>() {});
                if (c.q() == null || c.k() == null) throw new InvalidCursorException("cursor is not valid");
                return c;
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidCursorException("cursor is not valid");
            }
        }

        Map<String, AttributeValue> startKey(List<String> attributes) {
            Map<String, AttributeValue> m = new HashMap<>();
            for (String a : attributes) {
                String v = k.get(a);
                if (v == null) throw new InvalidCursorException("cursor is not valid");
                m.put(a, s(v));
            }
            return m;
        }
    }

    @Override
    public boolean updateNotification(Notification updated, Notification read) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(ComplaintItems.notification(updated))
                    .conditionExpression("attempts = :a AND #s = :pending AND nextAttemptAt = :next")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":a", n(read.attempts()), ":pending", s("PENDING"),
                            ":next", s(Times.iso(read.nextAttemptAt())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Notification> duePending(Instant now, int limit) {
        var page = dynamo.query(r -> r.tableName(table).indexName("PendingNotifications")
                .keyConditionExpression("pendingKey = :p AND nextAttemptAt <= :now")
                .expressionAttributeValues(Map.of(":p", s(ComplaintItems.PENDING), ":now", s(Times.iso(now))))
                .limit(limit));
        return page.items().stream().map(ComplaintItems::notification).toList();
    }
}
