package org.happserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.happserve.http.ApiEvent;
import org.happserve.http.Json;
import org.happserve.local.BenchStack;
import org.happserve.local.RepoRoot;
import org.happserve.register.RegisterComplaintHandler;

/**
 * Cold-start harness. Starts moto with the template's resources, registers one complaint (so that
 * the status lookup finds it), then for each variant and run starts a fresh JVM whose class path is
 * the variant's jar plus {@link ColdStartChild}, which builds the handler (no-arg constructor) and
 * invokes it once with the event. Runs are interleaved (ours, baseline, ours, …) so that noise on a
 * shared machine hits both alike. Prints medians and the ours/baseline ratios.
 *
 * <p>Usage: {@code ColdStart <runs> <childClassesDir> <baselineJar>}
 */
public final class ColdStart {
    private static final String LAMBDA_OPTS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    record Variant(String name, String function, Path jar, String handler, String event, String jvmOpts, boolean prime) {
        Variant(String name, String function, Path jar, String handler, String event, String jvmOpts) {
            this(name, function, jar, handler, event, jvmOpts, false);
        }
    }

    record Run(double jvmMs, double handlerInitMs, double primeMs, double initMs, double firstMs, String status) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = RepoRoot.find();
        Path childClasses = Path.of(args.length > 1 ? args[1] : root.resolve("bench/target/classes").toString());
        Path baselineJar = Path.of(args.length > 2 ? args[2] : root.resolve("bench/baseline/target/baseline.jar").toString());
        Path reg = root.resolve("functions/register/target/function.jar");
        Path look = root.resolve("functions/lookup/target/function.jar");
        List<Variant> variants = List.of(
                new Variant("ours", "register", reg, "org.happserve.register.RegisterComplaintHandler", "complaint-register.json", LAMBDA_OPTS),
                new Variant("ours-no-jvm-opts", "register", reg, "org.happserve.register.RegisterComplaintHandler", "complaint-register.json", null),
                new Variant("baseline", "register", baselineJar, "org.happserve.bench.baseline.BaselineRegisterHandler", "complaint-register.json", null),
                new Variant("baseline+jvm-opts", "register", baselineJar, "org.happserve.bench.baseline.BaselineRegisterHandler", "complaint-register.json", LAMBDA_OPTS),
                new Variant("ours-primed", "register", reg, "org.happserve.register.RegisterComplaintHandler", "complaint-register.json", LAMBDA_OPTS, true),
                new Variant("ours", "lookup", look, "org.happserve.lookup.QueryComplaintsHandler", "complaint-get-citizen.json", LAMBDA_OPTS),
                new Variant("ours-no-jvm-opts", "lookup", look, "org.happserve.lookup.QueryComplaintsHandler", "complaint-get-citizen.json", null),
                new Variant("baseline", "lookup", baselineJar, "org.happserve.bench.baseline.BaselineQueryHandler", "complaint-get-citizen.json", null),
                new Variant("baseline+jvm-opts", "lookup", baselineJar, "org.happserve.bench.baseline.BaselineQueryHandler", "complaint-get-citizen.json", LAMBDA_OPTS),
                new Variant("ours-primed", "lookup", look, "org.happserve.lookup.QueryComplaintsHandler", "complaint-get-citizen.json", LAMBDA_OPTS, true));
        Path work = Files.createDirectories(root.resolve("bench/target/coldstart"));
        try (BenchStack stack = BenchStack.start(root, "bench-cold")) {
            Map<String, String> env = stack.env();
            String number = registerOne(env, root);
            System.out.println("registered " + number + " for the lookups; moto at " + env.get("AWS_ENDPOINT_URL"));
            Map<String, List<Run>> results = new LinkedHashMap<>();
            for (Variant v : variants) results.put(v.function() + "/" + v.name(), new ArrayList<>());
            // One unmeasured run per variant first (page cache, moto's first request paths).
            for (int r = -1; r < runs; r++) {
                for (Variant v : variants) {
                    Path event = work.resolve(v.function() + "-" + v.name() + ".json");
                    Files.writeString(event, eventFor(root, v.event(), number));
                    Run run = runOnce(v, childClasses, event, env, work);
                    if (!run.status().startsWith("20")) throw new IllegalStateException(v + " answered " + run.status());
                    if (r >= 0) results.get(v.function() + "/" + v.name()).add(run);
                }
                System.out.println("run " + (r + 1) + "/" + runs + " done");
            }
            print(results, runs, variants);
        }
    }

    static String registerOne(Map<String, String> env, Path root) throws IOException {
        RegisterComplaintHandler h = new RegisterComplaintHandler(env);
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(eventFor(root, "complaint-register.json", null));
        var response = h.respond(ApiEvent.parse(e));
        JsonNode body = Json.MAPPER.readTree(response.body());
        return body.path("number").asText();
    }

    /** The sample event, with a fresh Idempotency-Key (a real registration each time) or the registered number. */
    static String eventFor(Path root, String name, String number) throws IOException {
        ObjectNode e = (ObjectNode) Json.MAPPER.readTree(root.resolve("events").resolve(name).toFile());
        if (name.equals("complaint-register.json")) {
            ((ObjectNode) e.get("headers")).put("idempotency-key", "bench-" + UUID.randomUUID());
        } else {
            ((ObjectNode) e.get("pathParameters")).put("number", number);
            e.put("rawPath", "/v1/complaints/" + number);
            ((ObjectNode) e.with("requestContext").with("http")).put("path", "/v1/complaints/" + number);
        }
        return Json.MAPPER.writeValueAsString(e);
    }

    static Run runOnce(Variant v, Path childClasses, Path event, Map<String, String> env, Path work)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", v.jar() + File.pathSeparator + childClasses,
                ColdStartChild.class.getName(), v.handler(), event.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> penv = pb.environment();
        penv.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
        penv.putAll(env);
        penv.put("AWS_LAMBDA_FUNCTION_NAME", "bench-" + v.function());
        penv.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        if (v.jvmOpts() != null) penv.put("JAVA_TOOL_OPTIONS", v.jvmOpts());
        if (v.prime()) penv.put("BENCH_PRIME", "1");
        pb.redirectErrorStream(true);
        long spawn = System.currentTimeMillis();
        Process p = pb.start();
        String bench = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("BENCH ")) bench = line;
                else all.append(line).append('\n');
            }
        }
        p.waitFor();
        if (bench == null) throw new IllegalStateException(v + " printed no result:\n" + all);
        Map<String, String> kv = new HashMap<>();
        for (String part : bench.substring(6).split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        long mainStart = Long.parseLong(kv.get("mainStart"));
        long initEnd = Long.parseLong(kv.get("initEnd"));
        return new Run(mainStart - spawn, Double.parseDouble(kv.get("handlerInitMs")), Double.parseDouble(kv.get("primeMs")), initEnd - spawn,
                Double.parseDouble(kv.get("inv1Ms")), kv.get("status1"));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void print(Map<String, List<Run>> results, int runs, List<Variant> variants) {
        System.out.printf("%n## Cold start, median of %d fresh JVMs per variant (ms)%n%n", runs);
        System.out.println("| function | variant | jar MB | JVM start→main | handler init (ctor) | init total (spawn→handler ready) | first invocation | init + first | priming (not in init) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, double[]> med = new LinkedHashMap<>();
        for (Variant v : variants) {
            String key = v.function() + "/" + v.name();
            List<Run> rs = results.get(key);
            double jvm = median(rs.stream().map(Run::jvmMs).toList());
            double hi = median(rs.stream().map(Run::handlerInitMs).toList());
            double init = median(rs.stream().map(Run::initMs).toList());
            double first = median(rs.stream().map(Run::firstMs).toList());
            double total = median(rs.stream().map(r -> r.initMs() + r.firstMs()).toList());
            double prime = median(rs.stream().map(Run::primeMs).toList());
            med.put(key, new double[] {init, first, total});
            System.out.printf("| %s | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", v.function(), v.name(),
                    v.jar().toFile().length() / 1048576.0, jvm, hi, init, first, total, prime);
        }
        System.out.println("\n| function | ratio | init | first invocation | init + first |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String f : List.of("register", "lookup")) {
            for (String[] pair : new String[][] {{"ours", "baseline"}, {"ours", "baseline+jvm-opts"}, {"ours-primed", "baseline"}}) {
                double[] o = med.get(f + "/" + pair[0]);
                double[] b = med.get(f + "/" + pair[1]);
                System.out.printf("| %s | %s / %s | %.2f | %.2f | %.2f |%n", f, pair[0], pair[1], o[0] / b[0], o[1] / b[1], o[2] / b[2]);
            }
        }
    }
}
