package org.happserve.aws;

import static org.happserve.aws.ComplaintItems.PK;
import static org.happserve.aws.ComplaintItems.SK;
import static org.happserve.aws.ComplaintItems.key;
import static org.happserve.aws.ComplaintItems.n;
import static org.happserve.aws.ComplaintItems.s;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.happserve.domain.StatDelta;
import org.happserve.http.Json;
import org.happserve.ports.ComplaintStore.Compaction;
import org.happserve.ports.ComplaintStore.StatRow;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The report counters, laid out so that writes stay small and a report reads a bounded amount
 * however many complaints there are.
 *
 * <ul>
 *   <li><b>Cells</b> ({@code STATS#<day>} / {@code <category>#<ward>}): the absolute counters of one
 *       (day, category, ward), moved by {@code ADD} in the complaint's own transaction, with a
 *       {@code version} that grows on every change.</li>
 *   <li><b>Markers</b> ({@code STATS#DIRTY} / {@code <day>#<category>#<ward>}): one per cell changed
 *       since the last compaction, written in the same transaction.</li>
 *   <li><b>Snapshots</b> ({@code STATS#<day>} / {@code SNAPSHOT}): a day's cells as of the last
 *       compaction, one gzipped JSON attribute per ward ({@code ward#W01}: category → counters) and
 *       their sum over the wards ({@code all}).</li>
 * </ul>
 *
 * A report reads the markers of its days (one Query), then the days' snapshots (one BatchGet per 100
 * days, only the attribute it needs) and the marked cells: a marked cell's live value replaces the
 * snapshot's. Values are absolute, so a compaction running in between can make the answer newer,
 * never double-counted. The scheduled compaction folds the marked cells into the snapshots and
 * drops a marker only if its cell did not change meanwhile.
 */
final class ReportCounters {
    static final String DIRTY = "STATS#DIRTY";
    static final String SNAPSHOT = "SNAPSHOT";
    static final String VERSION = "version";
    /** Snapshot attributes: the day's counters summed over all wards, and each ward's. */
    private static final String ALL = "all";
    private static final String WARD = "ward#";
    private static final String STATS = "STATS#";
    private static final TypeReference<Map<String, Map<String, Long>>> CELLS = new TypeReference<>() {};

    private final DynamoDbClient dynamo;
    private final String table;

    ReportCounters(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String cellPk(LocalDate day) {
        return STATS + day;
    }

    static String cellSk(String category, String ward) {
        return category + "#" + ward;
    }

    static String markerSk(LocalDate day, String category, String ward) {
        return day + "#" + cellSk(category, ward);
    }

    /**
     * Two updates per touched cell (the cell and its marker). A transaction may not touch an item
     * twice, so the deltas are merged per cell first.
     */
    List<TransactWriteItem> updates(List<StatDelta> deltas) {
        Map<String, StatDelta> merged = new LinkedHashMap<>();
        for (StatDelta d : deltas) merged.merge(markerSk(d.day(), d.category(), d.ward()), d, ReportCounters::merge);
        List<TransactWriteItem> out = new ArrayList<>();
        for (StatDelta d : merged.values()) {
            Map<String, String> names = new HashMap<>(Map.of("#day", "day", "#cat", "category", "#ward", "ward", "#v", VERSION));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":day", s(d.day().toString()),
                    ":cat", s(d.category()), ":ward", s(d.ward()), ":one", n(1)));
            List<String> adds = new ArrayList<>(List.of("#v :one"));
            d.counts().forEach((counter, by) -> {
                names.put("#" + counter, counter);
                values.put(":" + counter, n(by));
                adds.add("#" + counter + " :" + counter);
            });
            out.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(key(cellPk(d.day()), cellSk(d.category(), d.ward())))
                    .updateExpression("SET #day = :day, #cat = :cat, #ward = :ward ADD " + String.join(", ", adds))
                    .expressionAttributeNames(names).expressionAttributeValues(values)).build());
            out.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(key(DIRTY, markerSk(d.day(), d.category(), d.ward())))
                    .updateExpression("ADD #v :one")
                    .expressionAttributeNames(Map.of("#v", VERSION)).expressionAttributeValues(Map.of(":one", n(1)))).build());
        }
        return out;
    }

    private static StatDelta merge(StatDelta a, StatDelta b) {
        Map<String, Long> counts = new HashMap<>(a.counts());
        b.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
        return new StatDelta(a.day(), a.category(), a.ward(), counts);
    }

    /** A counter cell's key. */
    private record Cell(LocalDate day, String category, String ward) {}

    /** Every cell of the days from {@code from} to {@code to}. */
    List<StatRow> read(LocalDate from, LocalDate to) {
        List<Cell> marked = marked(from, to, null);
        Map<Cell, Map<String, Long>> live = live(marked);
        List<StatRow> rows = new ArrayList<>();
        snapshots(from, to, null).forEach((day, item) -> item.forEach((attribute, value) -> {
            if (!attribute.startsWith(WARD)) return;
            String ward = attribute.substring(WARD.length());
            decode(value).forEach((category, counts) -> {
                if (!live.containsKey(new Cell(day, category, ward))) rows.add(new StatRow(day, category, ward, counts));
            });
        }));
        live.forEach((c, counts) -> rows.add(new StatRow(c.day(), c.category(), c.ward(), counts)));
        return rows;
    }

    /**
     * One row per (day, category): summed over all wards ({@code ward} null, row ward null) or of
     * one ward. All wards come from each snapshot's precomputed sum, corrected by the marked cells,
     * so the rows a report sums do not grow with the wards either.
     */
    List<StatRow> readByCategory(LocalDate from, LocalDate to, String ward) {
        List<Cell> marked = marked(from, to, ward);
        Map<Cell, Map<String, Long>> live = live(marked);
        List<String> attributes = new ArrayList<>(List.of("day", ward == null ? ALL : WARD + ward));
        if (ward == null) marked.stream().map(c -> WARD + c.ward()).distinct().forEach(attributes::add);
        Map<LocalDate, Map<String, Map<String, Long>>> days = new TreeMap<>();
        snapshots(from, to, attributes).forEach((day, item) -> {
            Map<String, Map<String, Long>> categories = new HashMap<>(decode(item.get(attributes.get(1))));
            days.put(day, categories);
            // A marked cell's snapshot value leaves the sum; its live value comes in below. Each
            // ward's attribute is unzipped once however many of its cells are marked.
            Map<String, Map<String, Map<String, Long>>> wards = new HashMap<>();
            for (Cell c : marked) {
                if (!c.day().equals(day) || !item.containsKey(WARD + c.ward())) continue;
                Map<String, Long> old = wards.computeIfAbsent(c.ward(), w -> decode(item.get(WARD + w))).get(c.category());
                if (old != null) add(categories.computeIfAbsent(c.category(), k -> new HashMap<>()), old, -1);
            }
        });
        live.forEach((c, counts) -> add(days.computeIfAbsent(c.day(), d -> new HashMap<>())
                .computeIfAbsent(c.category(), k -> new HashMap<>()), counts, 1));
        List<StatRow> rows = new ArrayList<>();
        days.forEach((day, categories) -> categories.forEach((category, counts) ->
                rows.add(new StatRow(day, category, ward, counts))));
        return rows;
    }

    private static void add(Map<String, Long> into, Map<String, Long> counts, int sign) {
        counts.forEach((k, v) -> into.merge(k, sign * v, Long::sum));
    }

    /**
     * The cells changed since the last compaction (of one ward, or all). Read before the snapshots:
     * a cell not marked now is in a snapshot written before now.
     */
    private List<Cell> marked(LocalDate from, LocalDate to, String ward) {
        List<Cell> cells = new ArrayList<>();
        for (var m : query(DIRTY, from.toString(), to + "#\uffff")) {
            Cell c = cellOfMarker(m.get(SK).s());
            if (ward == null || ward.equals(c.ward())) cells.add(c);
        }
        return cells;
    }

    private static Cell cellOfMarker(String sk) {
        String[] parts = sk.split("#", 3);
        return new Cell(LocalDate.parse(parts[0]), parts[1], parts[2]);
    }

    /** The live counters of these cells. */
    private Map<Cell, Map<String, Long>> live(List<Cell> cells) {
        List<Map<String, AttributeValue>> keys = cells.stream()
                .map(c -> key(cellPk(c.day()), cellSk(c.category(), c.ward()))).toList();
        Map<Cell, Map<String, Long>> live = new HashMap<>();
        for (var item : DynamoReads.batchGet(dynamo, table, keys, null)) {
            live.put(new Cell(LocalDate.parse(item.get("day").s()), item.get("category").s(), item.get("ward").s()), counts(item));
        }
        return live;
    }

    /** The snapshots of the days that have one, with only these attributes (null: all). */
    private Map<LocalDate, Map<String, AttributeValue>> snapshots(LocalDate from, LocalDate to, List<String> attributes) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) keys.add(key(cellPk(day), SNAPSHOT));
        Map<LocalDate, Map<String, AttributeValue>> out = new TreeMap<>();
        for (var item : DynamoReads.batchGet(dynamo, table, keys, attributes)) out.put(LocalDate.parse(item.get("day").s()), item);
        return out;
    }

    /**
     * Folds every marked cell into its day's snapshot. A marker is dropped only if its version is
     * the one read before the day's cells, so a change made during the compaction stays marked.
     */
    Compaction compact() {
        Map<LocalDate, List<Map<String, AttributeValue>>> byDay = new TreeMap<>();
        for (var m : query(DIRTY, null, null)) {
            byDay.computeIfAbsent(cellOfMarker(m.get(SK).s()).day(), d -> new ArrayList<>()).add(m);
        }
        int days = 0;
        int cleared = 0;
        for (var entry : byDay.entrySet()) {
            LocalDate day = entry.getKey();
            long generation = 0;
            Map<String, Map<String, Map<String, Long>>> wards = new TreeMap<>();
            Map<String, Map<String, Long>> all = new TreeMap<>();
            for (var cell : query(cellPk(day), null, null)) {
                if (SNAPSHOT.equals(cell.get(SK).s())) continue;
                generation += Long.parseLong(cell.get(VERSION).n());
                Map<String, Long> counts = counts(cell);
                String category = cell.get("category").s();
                wards.computeIfAbsent(cell.get("ward").s(), w -> new TreeMap<>()).put(category, counts);
                add(all.computeIfAbsent(category, k -> new TreeMap<>()), counts, 1);
            }
            Map<String, AttributeValue> snapshot = new HashMap<>(key(cellPk(day), SNAPSHOT));
            snapshot.put("day", s(day.toString()));
            snapshot.put("generation", n(generation));
            snapshot.put(ALL, encode(all));
            wards.forEach((ward, categories) -> snapshot.put(WARD + ward, encode(categories)));
            long g = generation;
            try {
                // Guards against an older compaction overwriting a newer one.
                dynamo.putItem(r -> r.tableName(table).item(snapshot)
                        .conditionExpression("attribute_not_exists(generation) OR generation <= :g")
                        .expressionAttributeValues(Map.of(":g", n(g))));
            } catch (ConditionalCheckFailedException newerSnapshot) {
                continue;
            }
            days++;
            for (var marker : entry.getValue()) {
                try {
                    dynamo.deleteItem(r -> r.tableName(table).key(key(DIRTY, marker.get(SK).s()))
                            .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", VERSION))
                            .expressionAttributeValues(Map.of(":v", marker.get(VERSION))));
                    cleared++;
                } catch (ConditionalCheckFailedException changedMeanwhile) {
                    // stays marked: the next report reads the cell itself, the next compaction folds it
                }
            }
        }
        return new Compaction(days, cleared);
    }

    private List<Map<String, AttributeValue>> query(String pk, String fromSk, String toSk) {
        return DynamoReads.queryAll(dynamo, r -> {
            r.tableName(table);
            if (fromSk == null) {
                r.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)));
            } else {
                r.keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":a", s(fromSk), ":b", s(toSk)));
            }
        });
    }

    /** A cell's counters: its number attributes but the version. */
    private static Map<String, Long> counts(Map<String, AttributeValue> item) {
        Map<String, Long> counts = new HashMap<>();
        item.forEach((k, v) -> {
            if (v.n() != null && !k.equals(VERSION)) counts.put(k, Long.parseLong(v.n()));
        });
        return counts;
    }

    /** A snapshot attribute: category → counters, as gzipped JSON (a day's counters compress ~8×). */
    private static AttributeValue encode(Map<String, Map<String, Long>> categories) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            Json.MAPPER.writeValue(gz, categories);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray()));
    }

    private static Map<String, Map<String, Long>> decode(AttributeValue value) {
        if (value == null) return Map.of(); // no cell of that ward on that day
        try (GZIPInputStream in = new GZIPInputStream(value.b().asInputStream())) {
            return Json.MAPPER.readValue(in, CELLS);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable report snapshot", e);
        }
    }
}
