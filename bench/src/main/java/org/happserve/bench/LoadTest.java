package org.happserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.happserve.http.Json;
import org.happserve.local.MotoServer;
import org.happserve.local.RepoRoot;

/**
 * Load on the local runtime: starts it as a second process ({@code java -XX:TieredStopAtLevel=1 -jar
 * local/target/happserve-local.jar}, as ./local.sh does) on a free port, then from this process a
 * bounded Java client: {@code registrations} POST /v1/complaints, then {@code lookups} citizen
 * GET /v1/complaints/{number}?mobile=, each phase with {@code concurrency} workers in closed loop.
 * Reports requests/s, p50/p99, errors, whether all numbers are distinct, and the CPU seconds each
 * process used per phase (what limits it: moto, the emulated gateway + functions, or the client).
 *
 * <p>Usage: {@code LoadTest <registrations> <concurrency> [lookups]}
 */
public final class LoadTest {
    record Result(int status, double ms, String number) {}

    public static void main(String[] args) throws Exception {
        int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : registrations * 3;
        Path root = RepoRoot.find();
        int port = MotoServer.freePort();
        Path log = Files.createDirectories(root.resolve("bench/target")).resolve("load-runtime.log");
        ProcessBuilder pb = new ProcessBuilder(ColdStart.javaBin(), "-XX:TieredStopAtLevel=1", "-jar",
                root.resolve("local/target/happserve-local.jar").toString());
        pb.environment().put("HAPPSERVE_PORT", Integer.toString(port));
        pb.environment().put("HAPPSERVE_ROOT", root.toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process runtime = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI api = URI.create("http://127.0.0.1:" + port);
        try {
            awaitUp(http, api, runtime);
            long motoPid = runtime.descendants().filter(p -> p.info().command().orElse("").contains("python"))
                    .map(ProcessHandle::pid).findFirst().orElse(-1L);
            System.out.printf("local runtime pid %d (moto pid %d) on %s; %d registrations then %d lookups, %d workers%n",
                    runtime.pid(), motoPid, api, registrations, lookups, concurrency);
            // Warm-up: a few of each, not counted (the JIT, first connections).
            List<Result> warm = phase(concurrency, 2 * concurrency, i -> register(http, api, i));
            String warmNumber = warm.stream().filter(r -> r.status() == 201).findFirst().map(Result::number).orElseThrow();
            phase(concurrency, 2 * concurrency, i -> lookup(http, api, warmNumber));

            long[] cpu0 = cpu(runtime.pid(), motoPid);
            long t0 = System.nanoTime();
            List<Result> regs = phase(concurrency, registrations, i -> register(http, api, i));
            double regSecs = (System.nanoTime() - t0) / 1e9;
            long[] cpu1 = cpu(runtime.pid(), motoPid);
            List<String> numbers = regs.stream().map(Result::number).filter(n -> n != null).toList();
            Set<String> distinct = new HashSet<>(numbers);
            distinct.addAll(warm.stream().map(Result::number).filter(n -> n != null).toList());
            long t1 = System.nanoTime();
            List<Result> looks = phase(concurrency, lookups, i -> lookup(http, api, numbers.get(i % numbers.size())));
            double lookSecs = (System.nanoTime() - t1) / 1e9;
            long[] cpu2 = cpu(runtime.pid(), motoPid);

            System.out.println();
            System.out.println("| phase | requests | errors (non-2xx) | req/s | p50 ms | p99 ms | max ms | CPU s: runtime JVM | moto | this client |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            row("registration (POST /v1/complaints)", regs, regSecs, cpu0, cpu1);
            row("status lookup (GET /v1/complaints/{number}?mobile=)", looks, lookSecs, cpu1, cpu2);
            System.out.printf("%nnumbers: %d registered in the measured phase, %d distinct over all %d registrations%n",
                    numbers.size(), distinct.size(), numbers.size() + warm.size());
            if (distinct.size() != numbers.size() + warm.size()) System.out.println("DUPLICATE NUMBERS");
        } finally {
            runtime.descendants().forEach(ProcessHandle::destroy);
            runtime.destroy();
            runtime.waitFor();
        }
    }

    interface Call {
        Result call(int i) throws Exception;
    }

    static List<Result> phase(int concurrency, int total, Call call) throws InterruptedException {
        ConcurrentLinkedQueue<Result> out = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    long s = System.nanoTime();
                    try {
                        Result r = call.call(i);
                        out.add(new Result(r.status(), (System.nanoTime() - s) / 1e6, r.number()));
                    } catch (Exception e) {
                        out.add(new Result(-1, (System.nanoTime() - s) / 1e6, null));
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, java.util.concurrent.TimeUnit.MINUTES);
        return new ArrayList<>(out);
    }

    static Result register(HttpClient http, URI api, int i) throws Exception {
        String mobile = "9" + String.format("%09d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L));
        String body = "{\"citizen\":{\"name\":\"Load Test " + i + "\",\"mobile\":\"" + mobile + "\"},\"ward\":\"W0" + (1 + i % 5)
                + "\",\"category\":\"STREET_LIGHT\",\"description\":\"Street light not working, load test " + i + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/v1/complaints"))
                .header("content-type", "application/json").header("idempotency-key", "load-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String number = null;
        if (r.statusCode() == 201) {
            JsonNode j = Json.MAPPER.readTree(r.body());
            number = j.path("number").asText() + "|" + mobile;
        }
        return new Result(r.statusCode(), 0, number);
    }

    static Result lookup(HttpClient http, URI api, String numberAndMobile) throws Exception {
        String[] nm = numberAndMobile.split("\\|");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/v1/complaints/" + nm[0] + "?mobile=" + nm[1]))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Result(r.statusCode(), 0, null);
    }

    static void row(String name, List<Result> rs, double secs, long[] c0, long[] c1) {
        List<Double> ms = new ArrayList<>(rs.stream().map(Result::ms).toList());
        Collections.sort(ms);
        long errors = rs.stream().filter(r -> r.status() < 200 || r.status() > 299).count();
        double hz = 100.0; // USER_HZ
        System.out.printf("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", name, rs.size(), errors,
                rs.size() / secs, pct(ms, 50), pct(ms, 99), ms.get(ms.size() - 1),
                (c1[0] - c0[0]) / hz, (c1[1] - c0[1]) / hz, (c1[2] - c0[2]) / hz);
    }

    static double pct(List<Double> sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    /** utime+stime clock ticks of the runtime, moto and this process. */
    static long[] cpu(long runtimePid, long motoPid) {
        return new long[] {ticks(runtimePid), ticks(motoPid), ticks(ProcessHandle.current().pid())};
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static void awaitUp(HttpClient http, URI api, Process runtime) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!runtime.isAlive()) throw new IllegalStateException("the local runtime exited; see bench/target/load-runtime.log");
            try {
                if (http.send(HttpRequest.newBuilder(api.resolve("/v1/catalog")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the local runtime did not start in 180 s");
    }
}
