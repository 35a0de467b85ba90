package org.happserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.happserve.admin.AdministerHandler;
import org.happserve.app.DirectorySource;
import org.happserve.app.Reports;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoComplaintStore;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.aws.ReportSeeder;
import org.happserve.domain.Directory;
import org.happserve.domain.Messages;
import org.happserve.http.Json;
import org.happserve.local.BenchStack;
import org.happserve.local.RepoRoot;
import org.happserve.ports.ComplaintStore.StatRow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reports latency against the number of complaints stored (issue 5). One moto (the template's table,
 * the sample directory) is grown step by step — seed to the first size, measure, seed more to the
 * next, measure — with {@link ReportSeeder}, then run the store's compaction as the schedule would.
 * At each size, interleaved call by call:
 *
 * <ul>
 *   <li><b>store</b>: {@code Reports.summary(today-29, today, null)} through the real
 *       {@link DynamoComplaintStore} against moto;</li>
 *   <li><b>http</b>: the same report through the admin function's handler as deployed
 *       ({@code new AdministerHandler(env)}), a payload 2.0 event with an admin's authorizer claims,
 *       JSON in and out ({@code handleRequest});</li>
 *   <li><b>moto floor</b>: the report's requests (a Query, a BatchGet of 30 keys) where nothing is
 *       stored — what moto charges per request at this table size;</li>
 *   <li><b>replay</b>: the report over the responses recorded from moto at this size, served from
 *       memory — our code's own work (parsing, unzipping and summing the counters) without any backend.</li>
 * </ul>
 *
 * <p>Usage: {@code ReportsBench [sizes=1000,100000] [calls=30] [warmup=5] [threads=4]}
 */
public final class ReportsBench {
    private static final int DAYS = 30;

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "1000,100000").split(",")) sizes.add(Integer.parseInt(s.strip()));
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Configurator.setRootLevel(Level.WARN); // the handler's one INFO line per request
        Path root = RepoRoot.find();
        long started = System.nanoTime();
        try (BenchStack stack = BenchStack.start(root, "bench-reports")) {
            Map<String, String> env = stack.env();
            String table = env.get("TABLE_NAME");
            System.out.printf("moto at %s, table %s (%.1f s to start and provision); base-table Query: %s%n",
                    env.get("AWS_ENDPOINT_URL"), table, (System.nanoTime() - started) / 1e9,
                    "1".equals(System.getenv("HAPPSERVE_MOTO_PARTITION_QUERY"))
                            ? "the asked partition only (bench/moto/sitecustomize.py)" : "moto as it is (whole table)");
            AwsClients aws = new AwsClients(env);
            try (DynamoDbClient dynamo = aws.dynamo(); Tap tap = new Tap(aws.dynamo())) {
                DynamoDirectoryStore directoryStore = new DynamoDirectoryStore(dynamo, table);
                Directory directory = directoryStore.load().orElseThrow();
                Instant now = Instant.now();
                LocalDate today = LocalDate.ofInstant(now, directory.municipality().zone());
                LocalDate from = today.minusDays(DAYS - 1);
                ReportSeeder seeder = new ReportSeeder(dynamo, table, directory, Messages.load(), now, Duration.ofDays(60));
                DynamoComplaintStore store = new DynamoComplaintStore(tap, table);
                Reports reports = new Reports(store, new DirectorySource(directoryStore, Clock.systemUTC()));
                AdministerHandler handler = new AdministerHandler(env);
                byte[] event = adminEvent(root, from, today);

                // Every class the measured paths need, loaded now (other sessions may reinstall the jars meanwhile).
                http(handler, event);
                reports.summary(from, today, null);
                List<String> results = new ArrayList<>();
                for (int size : sizes) {
                    long t0 = System.nanoTime();
                    ReportSeeder.Totals totals = seeder.seed(size - (int) seeder.registered(), threads);
                    double seedS = (System.nanoTime() - t0) / 1e9;
                    // What the scheduled compaction does after any burst of changes (every 5 minutes when deployed).
                    long k0 = System.nanoTime();
                    var compaction = new DynamoComplaintStore(dynamo, table).compactStats();
                    double compactS = (System.nanoTime() - k0) / 1e9;
                    System.out.printf("compaction: %d days, %d markers cleared in %.1f s%n", compaction.days(),
                            compaction.cleared(), compactS);
                    // Correctness, once per size: the counters over every day seeded equal what was generated.
                    Reports.Figures all = reports.summary(today.minusDays(61), today, null).totals();
                    if (all.registered() != totals.registered() || all.closed() != totals.closed()) {
                        throw new IllegalStateException("report totals " + all + " differ from the seed " + totals);
                    }
                    System.out.printf("%nN=%d: seeded in %.1f s (this step; %d threads); report over 62 days: registered %d, "
                                    + "closed %d, open %d, breaches %d — equal to the seed (%d escalations, %d counter items)%n",
                            size, seedS, threads, all.registered(), all.closed(), all.open(), all.slaBreaches(),
                            totals.escalations(), totals.counterItems());

                    // The work a 30-day report is: requests, items returned, (day, category, ward) cells summed.
                    tap.reset();
                    tap.recording = true;
                    Reports.Summary s = reports.summary(from, today, null);
                    tap.recording = false;
                    long queries = tap.queries.get();
                    long batchGets = tap.batchGets.get();
                    long items = tap.items.get();
                    List<StatRow> rows = store.stats(from, today);
                    System.out.printf("30-day report: %d Query + %d BatchGetItem calls, %d items returned, %d (day, category, ward) cells in range; "
                            + "registered %d, closed %d%n", queries, batchGets, items, rows.size(),
                            s.totals().registered(), s.totals().closed());
                    Map<String, Object> recorded = new HashMap<>(tap.recorded);

                    Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
                    variants.put("store", () -> reports.summary(from, today, null));
                    variants.put("http", () -> http(handler, event));
                    variants.put("moto floor", () -> emptyRequests(tap, table));
                    variants.put("replay", () -> {
                        tap.replay = recorded;
                        try {
                            return reports.summary(from, today, null);
                        } finally {
                            tap.replay = null;
                        }
                    });
                    Map<String, List<Double>> times = new LinkedHashMap<>();
                    variants.keySet().forEach(k -> times.put(k, new ArrayList<>()));
                    for (int i = -warmup; i < calls; i++) {
                        for (var v : variants.entrySet()) {
                            long c0 = System.nanoTime();
                            v.getValue().get();
                            double ms = (System.nanoTime() - c0) / 1e6;
                            if (i >= 0) times.get(v.getKey()).add(ms);
                        }
                    }
                    for (var e : times.entrySet()) {
                        String line = String.format("| %d | %s | %.1f | %.1f | %.1f | %.1f |", size, e.getKey(),
                                percentile(e.getValue(), 50), percentile(e.getValue(), 90), percentile(e.getValue(), 0),
                                percentile(e.getValue(), 100));
                        results.add(line);
                        System.out.println(line);
                    }
                    results.add(String.format("| %d | (work) | %d Query + %d BatchGet | %d items, %d cells | seeded %.1f s, compacted %.1f s |",
                            size, queries, batchGets, items, rows.size(), seedS, compactS));
                    medians.put(size, times);
                }
                System.out.printf("%n## Reports latency, %d calls after %d warm-up, ms%n%n", calls, warmup);
                System.out.println("| N complaints | variant | median | p90 | min | max |");
                System.out.println("|---:|---|---:|---:|---:|---:|");
                results.forEach(System.out::println);
                int first = sizes.get(0);
                System.out.println();
                for (int size : sizes.subList(1, sizes.size())) {
                    for (String v : medians.get(first).keySet()) {
                        System.out.printf("ratio of medians %s N=%d / N=%d: %.2f%n", v, size, first,
                                percentile(medians.get(size).get(v), 50) / percentile(medians.get(first).get(v), 50));
                    }
                }
            }
        }
        System.out.printf("%ntotal %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static final Map<Integer, Map<String, List<Double>>> medians = new LinkedHashMap<>();

    private static Object http(AdministerHandler handler, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            JsonNode response = Json.MAPPER.readTree(out.toByteArray());
            if (response.path("statusCode").asInt() != 200) throw new IllegalStateException("admin answered " + response);
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The report's requests where nothing is stored: a Query of an empty partition, a BatchGet of 30 absent keys. */
    private static Object emptyRequests(Tap tap, String table) {
        LocalDate far = LocalDate.of(2099, 1, 1);
        tap.query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("STATS#" + far))).build());
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            keys.add(Map.of("pk", AttributeValue.fromS("STATS#" + far.plusDays(i)), "sk", AttributeValue.fromS("SNAPSHOT")));
        }
        tap.batchGetItem(BatchGetItemRequest.builder().requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())).build());
        return null;
    }

    /** events/complaints-search.json turned into GET /v1/reports/summary for an admin (authorizer claims). */
    private static byte[] adminEvent(Path root, LocalDate from, LocalDate to) throws java.io.IOException {
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(root.resolve("events/complaints-search.json").toFile());
        String query = "from=" + from + "&to=" + to;
        e.put("routeKey", "GET /v1/reports/summary");
        e.put("rawPath", "/v1/reports/summary");
        e.put("rawQueryString", query);
        ((ObjectNode) e.get("headers")).remove("authorization");
        ObjectNode q = e.putObject("queryStringParameters");
        q.put("from", from.toString());
        q.put("to", to.toString());
        ObjectNode ctx = (ObjectNode) e.get("requestContext");
        ctx.put("routeKey", "GET /v1/reports/summary");
        ((ObjectNode) ctx.get("http")).put("path", "/v1/reports/summary");
        ObjectNode claims = (ObjectNode) ctx.get("authorizer").get("jwt").get("claims");
        claims.put("cognito:groups", "[admin]");
        claims.put("cognito:username", "admin1");
        return Json.MAPPER.writeValueAsBytes(e);
    }

    static double percentile(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        if (p == 50) return ColdStart.median(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    /**
     * A DynamoDbClient that passes Queries and BatchGets through (counting them and the items
     * returned and, when asked, recording them) or replays them.
     */
    static final class Tap implements DynamoDbClient {
        private final DynamoDbClient real;
        final AtomicLong queries = new AtomicLong();
        final AtomicLong batchGets = new AtomicLong();
        final AtomicLong items = new AtomicLong();
        final Map<String, Object> recorded = new HashMap<>();
        volatile boolean recording;
        volatile Map<String, Object> replay;

        Tap(DynamoDbClient real) {
            this.real = real;
        }

        void reset() {
            queries.set(0);
            batchGets.set(0);
            items.set(0);
            recorded.clear();
        }

        private <Q, R> R pass(Object key, Q request, java.util.function.Function<Q, R> call, AtomicLong count,
                              java.util.function.ToIntFunction<R> itemCount) {
            Map<String, Object> replaying = replay;
            if (replaying != null) {
                @SuppressWarnings("unchecked")
                R recordedResponse = (R) replaying.get(String.valueOf(key));
                if (recordedResponse == null) throw new IllegalStateException("not recorded: " + key);
                return recordedResponse;
            }
            count.incrementAndGet();
            R response = call.apply(request);
            items.addAndGet(itemCount.applyAsInt(response));
            if (recording) recorded.put(String.valueOf(key), response);
            return response;
        }

        @Override
        public QueryResponse query(QueryRequest r) {
            return pass(r.expressionAttributeValues() + "|" + r.exclusiveStartKey(), r, real::query, queries,
                    QueryResponse::count);
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
            return pass(r.requestItems(), r, real::batchGetItem, batchGets,
                    x -> x.responses().values().stream().mapToInt(List::size).sum());
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
