package org.happserve.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.happserve.domain.AckNumber;
import org.happserve.domain.Caller;
import org.happserve.domain.Category;
import org.happserve.domain.Channel;
import org.happserve.domain.Citizen;
import org.happserve.domain.Complaint;
import org.happserve.domain.ComplaintDraft;
import org.happserve.domain.Directory;
import org.happserve.domain.Language;
import org.happserve.domain.Lifecycle;
import org.happserve.domain.Messages;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Registration;
import org.happserve.domain.StatDelta;
import org.happserve.domain.Status;
import org.happserve.domain.Transition;
import org.happserve.domain.Ward;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * For the reports benchmark: many complaints, fast but as the system would have written them.
 * Each complaint is registered by {@link Registration#open} (real routing, SLA, numbers, counter
 * deltas), then lives by {@link Lifecycle}: escalated each time its SLA passes while still open (up
 * to {@link #MAX_ESCALATIONS} times), and closed by an administrator after a turnaround drawn around
 * its category's SLA if that moment is already past. Its final state is written with the store's own
 * item mapping ({@link ComplaintItems#complaint}) by BatchWriteItem (25 items a request, several
 * threads); the {@link StatDelta}s of every step are summed in memory per (day, category, ward) and
 * written at the end as the cells and change markers {@link ReportCounters#updates} leaves (each
 * counter, turnaround count, sum and histogram included, a number), for the store's compaction to
 * fold into daily snapshots. Timeline entries and notification records are
 * not written (the report never reads them). Seeding may be repeated to grow the table: the counters
 * accumulate across calls and are rewritten whole.
 */
public final class ReportSeeder {
    /** A complaint open for weeks would be reminded daily at the top level; capped to bound the work. */
    public static final int MAX_ESCALATIONS = 3;
    private static final Caller ADMIN = new Caller("bench-admin", Set.of(Caller.Role.ADMIN));
    private static final Channel[] CHANNELS = Channel.values();

    private final DynamoDbClient dynamo;
    private final String table;
    private final Directory directory;
    private final Messages messages;
    private final Instant now;
    private final Duration spread;
    private final Map<YearMonth, AtomicLong> sequences = new ConcurrentHashMap<>();
    /** day|category|ward → summed counters, over every seed call so far. */
    private final Map<String, Counter> counters = new HashMap<>();
    private long registered;
    private long closed;
    private long escalations;
    private long seedCalls;

    /** The totals this seeder has written so far. */
    public record Totals(long registered, long closed, long escalations, long counterItems) {}

    private static final class Counter {
        final StatDelta key;
        final Map<String, Long> counts = new HashMap<>();

        Counter(StatDelta key) {
            this.key = key;
        }
    }

    private record Part(List<StatDelta> deltas, long closed, long escalations) {}

    public ReportSeeder(DynamoDbClient dynamo, String table, Directory directory, Messages messages, Instant now,
                        Duration spread) {
        this.dynamo = dynamo;
        this.table = table;
        this.directory = directory;
        this.messages = messages;
        this.now = now;
        this.spread = spread;
    }

    /** Complaints written so far. */
    public synchronized long registered() {
        return registered;
    }

    /** Generates and writes {@code n} more complaints on {@code threads} threads, then rewrites the counters. */
    public synchronized Totals seed(int n, int threads) throws Exception {
        long seedBase = ++seedCalls * 1_000_003L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Part>> parts = new ArrayList<>();
            int per = (n + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int count = Math.max(0, Math.min(per, n - t * per));
                long s = seedBase + t;
                parts.add(pool.submit(() -> generate(count, new Random(s))));
            }
            for (Future<Part> f : parts) {
                Part p = f.get();
                for (StatDelta d : p.deltas()) add(d);
                closed += p.closed();
                escalations += p.escalations();
            }
            registered += n;
            writeCounters(pool, threads);
        } finally {
            pool.shutdownNow();
        }
        return new Totals(registered, closed, escalations, counters.size());
    }

    private Part generate(int count, Random rnd) {
        List<StatDelta> deltas = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>(25);
        long closedHere = 0, escalatedHere = 0;
        List<Ward> wards = directory.wards();
        List<Category> categories = directory.categories();
        for (int i = 0; i < count; i++) {
            Instant at = now.minusMillis((long) (rnd.nextDouble() * spread.toMillis()));
            Ward ward = wards.get(rnd.nextInt(wards.size()));
            // Skewed category mix (a few problems are frequent), as the report is meant to reveal.
            Category category = categories.get(Math.min(categories.size() - 1, (int) (-Math.log(1 - rnd.nextDouble()) * categories.size() / 3)));
            YearMonth month = YearMonth.from(at.atZone(directory.municipality().zone()));
            long seq = sequences.computeIfAbsent(month, m -> new AtomicLong()).incrementAndGet();
            String number = AckNumber.format(directory.municipality().prefix(), month, seq);
            String mobile = "+91" + (9_000_000_000L + rnd.nextInt(999_999_999));
            Citizen citizen = new Citizen("Citizen " + seq, mobile, rnd.nextInt(3) == 0 ? "c" + seq + "@example.org" : null,
                    rnd.nextBoolean() ? Language.EN : Language.GU);
            ComplaintDraft draft = new ComplaintDraft(ward.code(), category.code(),
                    category.name() + " near plot " + rnd.nextInt(900) + ", " + ward.name(), "Sector " + (1 + rnd.nextInt(30)), null);
            Channel channel = CHANNELS[rnd.nextInt(CHANNELS.length)];
            String actor = channel == Channel.WEB ? "citizen" : "operator" + (1 + rnd.nextInt(4));
            NewComplaint created = Registration.open(directory, messages, number, citizen, draft, channel, actor, at, 1);
            deltas.addAll(created.stats());
            Complaint c = created.complaint();
            // ~85% get resolved, from a tenth of the SLA to 1.5 times it (about one in five late); the
            // rest stay open (and keep escalating).
            Instant closeAt = rnd.nextDouble() < 0.85
                    ? at.plus(Duration.ofMinutes((long) (category.slaHours() * 60 * (0.1 + 1.4 * Math.pow(rnd.nextDouble(), 2)))))
                    : null;
            Instant end = closeAt != null && closeAt.isBefore(now) ? closeAt : now;
            for (int e = 0; e < MAX_ESCALATIONS && c.dueAt().isBefore(end); e++) {
                Transition t = Lifecycle.escalate(directory, messages, c, c.dueAt(), 1);
                deltas.addAll(t.stats());
                c = t.after();
                escalatedHere++;
            }
            if (closeAt != null && closeAt.isBefore(now)) {
                Transition t = Lifecycle.close(directory, messages, c, ADMIN, "Resolved on site", closeAt, 1);
                deltas.addAll(t.stats());
                c = t.after();
                closedHere++;
            }
            batch.add(put(ComplaintItems.complaint(c)));
            if (batch.size() == 25) {
                write(batch);
                batch = new ArrayList<>(25);
            }
        }
        if (!batch.isEmpty()) write(batch);
        return new Part(deltas, closedHere, escalatedHere);
    }

    private void add(StatDelta d) {
        Counter c = counters.computeIfAbsent(d.day() + "|" + d.category() + "|" + d.ward(), k -> new Counter(d));
        d.counts().forEach((k, v) -> c.counts.merge(k, v, Long::sum));
    }

    /**
     * The counter cells and their change markers exactly as the store's updates leave them (no
     * {@code type} attribute); the version is the seed call's, so each call reads as a change.
     */
    private void writeCounters(ExecutorService pool, int threads) throws Exception {
        List<WriteRequest> all = new ArrayList<>();
        for (Counter c : counters.values()) {
            StatDelta k = c.key;
            Map<String, AttributeValue> item = new HashMap<>(ComplaintItems.key(ReportCounters.cellPk(k.day()),
                    ReportCounters.cellSk(k.category(), k.ward())));
            item.put("day", ComplaintItems.s(k.day().toString()));
            item.put("category", ComplaintItems.s(k.category()));
            item.put("ward", ComplaintItems.s(k.ward()));
            c.counts.forEach((name, v) -> item.put(name, ComplaintItems.n(v)));
            item.put(ReportCounters.VERSION, ComplaintItems.n(seedCalls));
            all.add(put(item));
            Map<String, AttributeValue> marker = new HashMap<>(ComplaintItems.key(ReportCounters.DIRTY,
                    ReportCounters.markerSk(k.day(), k.category(), k.ward())));
            marker.put(ReportCounters.VERSION, ComplaintItems.n(seedCalls));
            all.add(put(marker));
        }
        List<Future<?>> done = new ArrayList<>();
        int per = ((all.size() / 25 + threads) / threads) * 25;
        for (int i = 0; i < all.size(); i += per) {
            List<WriteRequest> slice = all.subList(i, Math.min(all.size(), i + per));
            done.add(pool.submit(() -> {
                for (int j = 0; j < slice.size(); j += 25) write(slice.subList(j, Math.min(slice.size(), j + 25)));
            }));
        }
        for (Future<?> f : done) f.get();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> request = Map.of(table, batch);
        while (!request.isEmpty()) {
            Map<String, List<WriteRequest>> ask = request;
            var response = dynamo.batchWriteItem(r -> r.requestItems(ask));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
