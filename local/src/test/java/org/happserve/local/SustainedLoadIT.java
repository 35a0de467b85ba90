package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.happserve.app.Reports;
import org.happserve.aws.Adapters;
import org.happserve.domain.Complaint;
import org.happserve.domain.Status;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.SlaTimer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sustained load on a local runtime of its own (time scale 1, so no SLA falls due and no escalation
 * interferes): {@value #DEFAULT_CLIENTS} concurrent clients (system property
 * {@code happserve.load.clients}) for {@code happserve.load.seconds} (default {@value #DEFAULT_SECONDS})
 * register (citizen form and operator intake), close (admin), reopen (operator or citizen with the
 * mobile), look up (citizen and staff), and now and then race two identical actions on one
 * complaint on purpose (exactly one must win, the other gets 409). Every answer is counted by
 * status; anything else than the expected status is an error, and there must be none.
 *
 * <p>Afterwards: the acknowledgement numbers are distinct; every complaint is stored as its client
 * last saw it; the report counters, folded by compactions that ran back to back during the load, equal
 * a recount of the stored complaints ({@link Recount}), before and after a last compaction; every
 * open complaint has exactly one live SLA timer (its current round's execution running, no earlier
 * round's) and every closed complaint none.
 *
 * <p>A longer run: {@code mvn -o test -pl local -Dtest=SustainedLoadIT -Dhappserve.load.seconds=300}.
 */
class SustainedLoadIT {
    static final int DEFAULT_CLIENTS = 8;
    static final int DEFAULT_SECONDS = 15;
    private static final int CLIENTS = Integer.getInteger("happserve.load.clients", DEFAULT_CLIENTS);
    private static final int SECONDS = Integer.getInteger("happserve.load.seconds", DEFAULT_SECONDS);
    /** Wards and categories whose chains of authority are complete at every level (a reopen escalates). */
    private static final List<String> WARDS = List.of("W01", "W02");
    private static final List<String> CATEGORIES = List.of("STREET_LIGHT", "POTHOLE", "GARBAGE_NOT_COLLECTED");

    private static LocalRuntime runtime;
    private static Http http;
    private static String admin;
    private static String operator;

    /** What a client knows of one of its complaints. */
    private static final class Tracked {
        final String number;
        final String mobile;
        volatile boolean open = true;

        Tracked(String number, String mobile) {
            this.number = number;
            this.mobile = mobile;
        }
    }

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Queue<Long>> latencies = new ConcurrentHashMap<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<String> numbers = new ConcurrentLinkedQueue<>();
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final ExecutorService racers = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        // Every client's anonymous calls come from 127.0.0.1: the per-IP and per-mobile limits would
        // answer 429 (AccessIT proves they do); this runtime measures the system behind them, the
        // limiter's counting included (the limits are raised, not switched off).
        List<String> limits = List.of("happserve.throttle.perIp", "happserve.throttle.perMobile");
        limits.forEach(k -> System.setProperty(k, "1000000"));
        try {
            runtime = LocalRuntime.start(new LocalRuntime.Options(RepoRoot.find(), 0, 1, RepoRoot.find().resolve("config/gmc.json")));
        } finally {
            limits.forEach(System::clearProperty);
        }
        http = new Http(runtime.apiUrl());
        admin = http.login("admin1");
        operator = http.login("operator1");
    }

    @AfterAll
    static void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    void concurrentClientsLeaveTheInvariantsIntact() throws Exception {
        long t0 = System.nanoTime();
        long end = t0 + SECONDS * 1_000_000_000L;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            running.add(clients.submit(() -> client(client, end)));
        }
        // The report compaction back to back while the clients run (deployed: every 5 minutes), so the
        // counters are checked after folds that raced the writes.
        ComplaintStore compacting = Adapters.from(runtime.functionEnvironment()).complaintStore();
        LongAdder compactions = new LongAdder();
        ExecutorService compactor = Executors.newSingleThreadExecutor();
        Future<?> folding = compactor.submit(() -> {
            while (System.nanoTime() < end) {
                compacting.compactStats();
                compactions.increment();
            }
            return null;
        });
        for (Future<?> f : running) f.get();
        folding.get();
        compactor.shutdown();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        clients.shutdown();
        racers.shutdown();

        long requests = counts.entrySet().stream().filter(e -> !e.getKey().startsWith("race ")).mapToLong(e -> e.getValue().sum()).sum();
        System.out.printf("SustainedLoadIT: %d clients for %.1f s: %d requests, %.1f requests/s, %d complaints registered, %d errors%n",
                CLIENTS, elapsed, requests, requests / elapsed, numbers.size(), errors.size());
        new TreeMap<>(counts).forEach((k, v) -> System.out.printf("SustainedLoadIT:   %-24s %6d%s%n", k, v.sum(), latency(k)));
        errors.stream().limit(20).forEach(e -> System.out.println("SustainedLoadIT: error " + e));
        assertThat(errors).as("errors under load").isEmpty();

        // Distinct acknowledgement numbers.
        List<String> all = List.copyOf(numbers);
        Set<String> distinct = new HashSet<>(all);
        assertThat(distinct).as("acknowledgement numbers").hasSize(all.size());
        assertThat(all).isNotEmpty();

        Map<String, String> env = runtime.functionEnvironment();
        Adapters adapters = Adapters.from(env);
        ComplaintStore store = adapters.complaintStore();
        long t1 = System.nanoTime();

        // Every complaint stored as its client last saw it.
        List<String> stateMismatches = Collections.synchronizedList(new ArrayList<>());
        parallel(all, n -> {
            Complaint c = store.get(n).orElse(null);
            Status expected = tracked.get(n).open ? Status.OPEN : Status.CLOSED;
            if (c == null || c.status() != expected) stateMismatches.add(n + ": " + (c == null ? "missing" : c.status()) + ", client saw " + expected);
        });
        assertThat(stateMismatches).as("stored state differs from the last answer").isEmpty();

        // Report counters equal a recount of the stored complaints.
        int top = adapters.directory().get().topLevel();
        LocalDate today = LocalDate.now(adapters.directory().get().municipality().zone());
        Reports.Summary summary = new Reports(store, adapters.directory()).summary(today.minusDays(1), today.plusDays(1), null);
        var recount = Recount.byCategory(store, all, top);
        Recount.assertEqual(summary, recount, top);
        assertThat(summary.totals().registered()).isEqualTo(all.size());
        System.out.printf("SustainedLoadIT: %d report compactions ran during the load%n", compactions.sum());
        assertThat(compactions.sum()).isPositive();
        store.compactStats();
        Recount.assertEqual(new Reports(store, adapters.directory()).summary(today.minusDays(1), today.plusDays(1), null), recount, top);
        assertThat(summary.daily().stream().mapToLong(Reports.Day::registered).sum()).isEqualTo(all.size());

        // Every open complaint has exactly one live timer (this round's), every closed one none.
        SlaTimer timer = adapters.slaTimer();
        List<String> timerFaults = Collections.synchronizedList(new ArrayList<>());
        LongAdder open = new LongAdder();
        LongAdder closed = new LongAdder();
        LongAdder executionsChecked = new LongAdder();
        parallel(all, n -> {
            Complaint c = store.get(n).orElseThrow();
            for (int round = 0; round <= c.reopenCount(); round++) {
                boolean live = timer.isRunning(n, round);
                boolean shouldBe = c.status() == Status.OPEN && round == c.reopenCount();
                executionsChecked.increment();
                if (live != shouldBe) timerFaults.add(n + " " + c.status() + " round " + round + "/" + c.reopenCount() + ": running=" + live);
            }
            (c.status() == Status.OPEN ? open : closed).increment();
        });
        System.out.printf("SustainedLoadIT: invariants checked in %.1f s: %d distinct numbers; report counters = recount "
                        + "(registered %d, closed %d, open %d, reopens %d); timers: %d open complaints with exactly one live "
                        + "execution, %d closed with none (%d executions described), %d faults; moto threads at the end: %s%n",
                (System.nanoTime() - t1) / 1e9, distinct.size(), summary.totals().registered(), summary.totals().closed(),
                summary.totals().open(), summary.totals().reopens(), open.sum(), closed.sum(), executionsChecked.sum(),
                timerFaults.size(), motoThreads());
        timerFaults.stream().limit(20).forEach(f -> System.out.println("SustainedLoadIT: timer " + f));
        assertThat(timerFaults).as("timers").isEmpty();
        assertThat(summary.totals().open()).isEqualTo(open.sum());
        assertThat(counts.getOrDefault("race close 200+409", new LongAdder()).sum()
                + counts.getOrDefault("race reopen 200+409", new LongAdder()).sum()).as("races run").isPositive();
    }

    // ---------------------------------------------------------------------------------------------

    private void client(int client, long end) {
        Random random = new Random(client * 7919L + System.nanoTime());
        List<Tracked> mine = new ArrayList<>();
        int serial = 0;
        int races = 0;
        while (System.nanoTime() < end) {
            try {
                int dice = random.nextInt(100);
                Tracked open = pick(mine, true, random);
                Tracked closed = pick(mine, false, random);
                if (mine.size() >= 3 && (races == 0 || dice >= 95)) {
                    // Each client races once as soon as it has complaints, then now and then.
                    races++;
                    race(mine.get(random.nextInt(mine.size())));
                } else if (mine.size() < 3 || dice < 35) {
                    String mobile = String.format("9%09d", client * 10_000_000 + ++serial);
                    mine.addAll(random.nextBoolean() ? citizenRegisters(mobile, random) : operatorIntake(mobile, random));
                } else if (dice < 60 && open != null) {
                    close(open);
                } else if (dice < 75 && closed != null) {
                    reopen(closed, random.nextBoolean());
                } else {
                    lookUp(mine.get(random.nextInt(mine.size())), random.nextBoolean());
                }
            } catch (Throwable e) {
                errors.add("client " + client + ": " + e);
            }
        }
    }

    private static Tracked pick(List<Tracked> mine, boolean open, Random random) {
        List<Tracked> candidates = mine.stream().filter(t -> t.open == open).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private List<Tracked> citizenRegisters(String mobile, Random random) {
        Http.Response r = timed("register citizen", () -> http.post("/v1/complaints", null, """
                {"citizen":{"name":"Load Tester","mobile":"%s"},"ward":"%s","category":"%s","description":"Sustained load"}"""
                .formatted(mobile, WARDS.get(random.nextInt(WARDS.size())), CATEGORIES.get(random.nextInt(CATEGORIES.size())))));
        if (!expect("register citizen", r, 201)) return List.of();
        return List.of(track(r.json().path("number").asText(), mobile));
    }

    private List<Tracked> operatorIntake(String mobile, Random random) {
        int n = 1 + random.nextInt(2);
        StringBuilder complaints = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) complaints.append(',');
            complaints.append("{\"ward\":\"%s\",\"category\":\"%s\",\"description\":\"Phoned in, item %d\"}"
                    .formatted(WARDS.get(random.nextInt(WARDS.size())), CATEGORIES.get(random.nextInt(CATEGORIES.size())), i));
        }
        Http.Response r = timed("register intake", () -> http.post("/v1/intakes", operator, """
                {"citizen":{"name":"Caller","mobile":"%s"},"channel":"CALL_CENTRE","complaints":[%s]}""".formatted(mobile, complaints)));
        if (!expect("register intake", r, 201)) return List.of();
        List<Tracked> out = new ArrayList<>();
        for (String number : r.json().path("complaints").findValuesAsText("number")) out.add(track(number, mobile));
        if (out.size() != n) errors.add("intake of " + n + " answered " + out.size() + " numbers: " + r.body());
        return out;
    }

    private Tracked track(String number, String mobile) {
        numbers.add(number);
        Tracked t = new Tracked(number, mobile);
        if (tracked.putIfAbsent(number, t) != null) errors.add("number issued twice: " + number);
        return t;
    }

    private void close(Tracked t) {
        Http.Response r = timed("close", () -> closeCall(t));
        if (expect("close", r, 200) && expectStatus("close", r, "CLOSED")) t.open = false;
    }

    private void reopen(Tracked t, boolean asCitizen) {
        String op = asCitizen ? "reopen citizen" : "reopen operator";
        Http.Response r = timed(op, () -> reopenCall(t, asCitizen));
        if (expect(op, r, 200) && expectStatus(op, r, "OPEN")) t.open = true;
    }

    private void lookUp(Tracked t, boolean asCitizen) {
        String op = asCitizen ? "lookup citizen" : "lookup staff";
        Http.Response r = timed(op, () -> http.get("/v1/complaints/" + t.number + (asCitizen ? "?mobile=" + t.mobile : ""),
                asCitizen ? null : admin));
        if (expect(op, r, 200)) expectStatus(op, r, t.open ? "OPEN" : "CLOSED");
    }

    private Http.Response closeCall(Tracked t) {
        return http.post("/v1/complaints/" + t.number + "/close", admin, "{\"resolution\":\"Fixed under load\"}");
    }

    private Http.Response reopenCall(Tracked t, boolean asCitizen) {
        return asCitizen
                ? http.post("/v1/complaints/" + t.number + "/reopen", null, "{\"mobile\":\"" + t.mobile + "\",\"reason\":\"Not fixed\"}")
                : http.post("/v1/complaints/" + t.number + "/reopen", operator, "{\"reason\":\"Citizen called again\"}");
    }

    /** Two identical actions on one complaint at once, on purpose: exactly one 200 and one 409. */
    private void race(Tracked t) throws Exception {
        boolean closing = t.open;
        String op = closing ? "race close" : "race reopen";
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Http.Response>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean citizen = i == 1;
            both.add(racers.submit(() -> {
                together.await();
                return closing ? closeCall(t) : reopenCall(t, citizen);
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        Http.Response winner = null;
        for (Future<Http.Response> f : both) {
            Http.Response r = f.get();
            statuses.add(r.status());
            if (r.status() == 200) winner = r;
        }
        Collections.sort(statuses);
        count(op + " " + statuses.get(0) + "+" + statuses.get(1));
        count("requests in races", 2);
        if (!statuses.equals(List.of(200, 409)) || winner == null) {
            errors.add(op + " " + t.number + ": " + statuses);
            return;
        }
        if (expectStatus(op, winner, closing ? "CLOSED" : "OPEN")) t.open = !closing;
    }

    // ---------------------------------------------------------------------------------------------

    private Http.Response timed(String op, java.util.function.Supplier<Http.Response> call) {
        long t = System.nanoTime();
        Http.Response r = call.get();
        latencies.computeIfAbsent(op, k -> new ConcurrentLinkedQueue<>()).add((System.nanoTime() - t) / 1_000_000);
        return r;
    }

    private boolean expect(String op, Http.Response r, int status) {
        count(op + " " + r.status());
        if (r.status() == status) return true;
        errors.add(op + " " + r.status() + ": " + (r.body().length() > 300 ? r.body().substring(0, 300) : r.body()));
        return false;
    }

    private boolean expectStatus(String op, Http.Response r, String status) {
        JsonNode json = r.json();
        if (status.equals(json.path("status").asText())) return true;
        errors.add(op + ": status " + json.path("status").asText() + ", expected " + status + " (" + json.path("number").asText() + ")");
        return false;
    }

    private void count(String key) {
        count(key, 1);
    }

    private void count(String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** " p50 … p95 … max … ms" for an operation's counted answers. */
    private String latency(String key) {
        String op = key.substring(0, key.lastIndexOf(' '));
        Queue<Long> q = latencies.get(op);
        if (q == null || q.isEmpty()) return "";
        List<Long> sorted = new ArrayList<>(q);
        Collections.sort(sorted);
        return String.format("   p50 %4d ms  p95 %4d ms  max %5d ms", sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.95)), sorted.get(sorted.size() - 1));
    }

    private static void parallel(List<String> items, java.util.function.Consumer<String> check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String n : items) futures.add(pool.submit(() -> check.accept(n)));
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
    }

    private static String motoThreads() {
        try {
            return Files.readAllLines(Path.of("/proc/" + runtime.motoPid() + "/status")).stream()
                    .filter(l -> l.startsWith("Threads:")).map(l -> l.substring(8).trim()).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
