package org.happserve.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.DoubleAdder;
import org.happserve.aws.Adapters;
import org.happserve.escalate.EscalateComplaintHandler;
import org.happserve.http.Json;
import org.happserve.lifecycle.ManageComplaintHandler;
import org.happserve.local.BenchStack;
import org.happserve.local.RepoRoot;
import org.happserve.lookup.QueryComplaintsHandler;
import org.happserve.register.RegisterComplaintHandler;

/**
 * Cost per 1,000 complaints from counted operations of a scripted lifecycle mix, run against moto
 * with the real handlers (payload 2.0 events, in this process) and every SDK call counted by
 * {@link CountingInterceptor}. Mix per complaint: registration; 3 citizen status lookups; 80% closed
 * by staff before the SLA; 10% of those reopened by the citizen (a reopen escalates) and closed
 * again; 20% breach the SLA once (the escalation function, as the state machine calls it) and are
 * then closed. Prices: ap-south-1 list prices as noted in BENCHMARKS.md (override none here).
 *
 * <p>Usage: {@code CostModel <complaints>}
 */
public final class CostModel {
    // ap-south-1 list prices (USD), as read 2026-12; see BENCHMARKS.md for sources and caveats.
    static final double LAMBDA_GBS_ARM = 0.0000133334;
    static final double LAMBDA_REQ = 0.20 / 1e6;
    static final double API_HTTP_REQ = 1.00 / 1e6;
    static final double DDB_WRU = 0.7125 / 1e6;
    static final double DDB_RRU = 0.1425 / 1e6;
    static final double SFN_TRANSITION = 0.025 / 1000;
    static final double SCHEDULER_INVOCATION = 1.00 / 1e6;
    static final double SMS_INDIA = 0.00278;
    static final double SES_EMAIL = 0.10 / 1000;
    static final double MEMORY_GB = 1.0; // template: MemorySize 1024

    static final Map<String, List<Double>> DURATIONS = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        var root = RepoRoot.find();
        try (BenchStack stack = BenchStack.start(root, "bench-cost")) {
            Map<String, String> env = stack.env();
            Map<String, String> fast = new HashMap<>(env);
            fast.put("HAPPSERVE_TIME_SCALE", "1000000"); // a 48 h SLA passes in 0.17 s: these complaints breach
            RegisterComplaintHandler register = new RegisterComplaintHandler(env);
            RegisterComplaintHandler registerFast = new RegisterComplaintHandler(fast);
            QueryComplaintsHandler lookup = new QueryComplaintsHandler(env);
            ManageComplaintHandler manage = new ManageComplaintHandler(env);
            EscalateComplaintHandler escalate = new EscalateComplaintHandler(fast);
            // Warm the handlers (not counted): the model uses warm durations plus a cold-start share.
            CountingInterceptor.phase = "warmup";
            String w = number(call("x", register, registerEvent(0)));
            call("x", lookup, lookupEvent(w, mobile(0)));
            call("x", manage, staffPost(w, "close", "{\"resolution\":\"fixed\"}"));
            DURATIONS.clear();

            List<String> numbers = new ArrayList<>();
            int breaching = n / 5;
            for (int i = 1; i <= n; i++) {
                CountingInterceptor.phase = "register";
                numbers.add(number(call("register", i <= breaching ? registerFast : register, registerEvent(i))));
            }
            CountingInterceptor.phase = "lookup";
            for (int k = 0; k < 3; k++) for (int i = 1; i <= n; i++) call("lookup", lookup, lookupEvent(numbers.get(i - 1), mobile(i)));
            Thread.sleep(400); // the breaching ones are now past due
            int escalations = 0;
            for (int i = 1; i <= breaching; i++) {
                CountingInterceptor.phase = "escalate";
                JsonNode out = Json.MAPPER.readTree(callRaw("escalate", escalate,
                        Json.object().put("number", numbers.get(i - 1)).put("reopenCount", 0).put("level", 0).put("dueAt", "2000-01-01T00:00:00Z").toString()));
                if (out.path("level").asInt() == 1) escalations++;
            }
            int reopens = 0;
            for (int i = 1; i <= n; i++) {
                CountingInterceptor.phase = "close";
                call("close", manage, staffPost(numbers.get(i - 1), "close", "{\"resolution\":\"Fixed on site\"}"));
                if (i > breaching && (i - breaching) % 12 == 0) { // 10% of the 80% closed in time
                    CountingInterceptor.phase = "reopen";
                    call("reopen", manage, citizenPost(numbers.get(i - 1), "reopen", "{\"mobile\":\"" + mobile(i) + "\",\"reason\":\"Not fixed\"}"));
                    reopens++;
                    CountingInterceptor.phase = "close";
                    call("close", manage, staffPost(numbers.get(i - 1), "close", "{\"resolution\":\"Fixed again\"}"));
                }
            }
            // The scheduled compaction, once over everything above (it runs every 5 minutes when deployed).
            CountingInterceptor.phase = "compact";
            Adapters.from(env).complaintStore().compactStats();
            report(n, breaching, escalations, reopens);
        }
    }

    static void report(int n, int breaching, int escalations, int reopens) {
        System.out.printf("%n## Counted operations for %d complaints (%d breached and escalated: %d; %d reopened)%n%n", n, breaching, escalations, reopens);
        System.out.println("| phase | service.operation | calls | DynamoDB units moto reported | est. RRU | est. WRU |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        double rru = 0, wru = 0, sms = 0, email = 0, sfnStarts = 0, sfnStops = 0;
        for (var e : new TreeMap<>(CountingInterceptor.COUNTS).entrySet()) {
            if (e.getKey().startsWith("setup") || e.getKey().startsWith("warmup")) continue;
            DoubleAdder[] c = e.getValue();
            String[] k = e.getKey().split("\\|");
            System.out.printf("| %s | %s | %.0f | %.1f | %.1f | %.1f |%n", k[0], k[1], c[0].sum(), c[1].sum(), c[2].sum(), c[3].sum());
            rru += c[2].sum();
            wru += c[3].sum();
            if (k[1].equals("Sns.Publish")) sms += c[0].sum();
            if (k[1].equals("SesV2.SendEmail")) email += c[0].sum();
            if (k[1].equals("Sfn.StartExecution")) sfnStarts += c[0].sum();
        }
        System.out.println("\n| function | invocations | median warm ms | mean ms |");
        System.out.println("|---|---:|---:|---:|");
        double gbs = 0, invocations = 0;
        for (var e : DURATIONS.entrySet()) {
            List<Double> d = e.getValue();
            double mean = d.stream().mapToDouble(x -> x).average().orElse(0);
            System.out.printf("| %s | %d | %.1f | %.1f |%n", e.getKey(), d.size(), ColdStart.median(d), mean);
            // Lambda bills each invocation rounded up to 1 ms.
            gbs += d.stream().mapToDouble(x -> Math.ceil(x)).sum() / 1000.0 * MEMORY_GB;
            invocations += d.size();
        }
        // Step Functions, counted from the ASL (statemachines/sla-escalation.asl.json): an execution
        // closed before its due time enters CheckTimer and WaitUntilDue (2); each escalation round
        // adds Escalate, NextStep, CheckTimer, WaitUntilDue (4).
        double transitions = 2 * sfnStarts + 4 * escalations;
        double apiRequests = DURATIONS.entrySet().stream().filter(e -> !e.getKey().equals("escalate")).mapToDouble(e -> e.getValue().size()).sum();
        double per = 1000.0 / n;
        // Cold starts: assume 1 in 20 invocations is cold, each adding the measured cold init+first
        // (BENCHMARKS.md, ~2.5 s at 1 GB; on SnapStart the restore is shorter and init is not billed alike).
        double coldGbs = invocations * 0.05 * 2.5 * MEMORY_GB;
        // Schedulers: reconcile, retry and report compaction every 5 min, digest daily = 865/day; per
        // 1,000 complaints at an assumed 10,000 complaints a month: 2,595 invocations, each ~100 ms and ~1 RRU.
        double schedInv = 865 * 30 / 10.0;
        String[][] rows = {
                {"Lambda requests", fmt(invocations * per), money(invocations * per * LAMBDA_REQ)},
                {"Lambda GB-s (warm, measured)", fmt(gbs * per), money(gbs * per * LAMBDA_GBS_ARM)},
                {"Lambda GB-s (cold-start share, assumed 5%)", fmt(coldGbs * per), money(coldGbs * per * LAMBDA_GBS_ARM)},
                {"HTTP API requests", fmt(apiRequests * per), money(apiRequests * per * API_HTTP_REQ)},
                {"DynamoDB write request units", fmt(wru * per), money(wru * per * DDB_WRU)},
                {"DynamoDB read request units", fmt(rru * per), money(rru * per * DDB_RRU)},
                {"Step Functions state transitions", fmt(transitions * per), money(transitions * per * SFN_TRANSITION)},
                {"Scheduler invocations (+ their Lambda, 0.1 GB-s each)", fmt(schedInv),
                        money(schedInv * (SCHEDULER_INVOCATION + LAMBDA_REQ + 0.1 * LAMBDA_GBS_ARM + DDB_RRU))},
                {"SMS (SNS, India, transactional)", fmt(sms * per), money(sms * per * SMS_INDIA)},
                {"Email (SES)", fmt(email * per), money(email * per * SES_EMAIL)},
        };
        System.out.println("\n## Cost per 1,000 complaints (ap-south-1, USD)\n");
        System.out.println("| item | quantity per 1,000 complaints | USD |");
        System.out.println("|---|---:|---:|");
        double total = 0;
        for (String[] r : rows) {
            System.out.printf("| %s | %s | %s |%n", r[0], r[1], r[2]);
            total += Double.parseDouble(r[2]);
        }
        System.out.printf("| **total** | | **%.4f** |%n", total);
    }

    static String fmt(double x) {
        return String.format("%.1f", x);
    }

    static String money(double x) {
        return String.format("%.4f", x);
    }

    static String mobile(int i) {
        return "98" + String.format("%08d", 10_000_000 + i);
    }

    static ObjectNode base(String routeKey, String path) {
        ObjectNode e = Json.object().put("version", "2.0").put("routeKey", routeKey).put("rawPath", path);
        e.putObject("headers").put("content-type", "application/json");
        // API Gateway always gives the caller's address; the citizen throttle counts anonymous ones by it.
        e.putObject("requestContext").put("requestId", "cost").putObject("http").put("method", routeKey.split(" ")[0]).put("path", path)
                .put("sourceIp", "203.0.113.10");
        return e;
    }

    /** Citizens call from many addresses (documentation range), a few complaints' callers per address. */
    static ObjectNode fromCitizen(ObjectNode e, String number) {
        ((ObjectNode) e.get("requestContext").get("http")).put("sourceIp", "198.51.100." + (1 + Math.floorMod(number.hashCode(), 250)));
        return e;
    }

    static String registerEvent(int i) {
        ObjectNode e = base("POST /v1/complaints", "/v1/complaints");
        ((ObjectNode) e.get("headers")).put("idempotency-key", "cost-" + System.nanoTime() + "-" + i);
        e.put("body", "{\"citizen\":{\"name\":\"Asha Patel\",\"mobile\":\"" + mobile(i) + "\",\"email\":\"asha" + i + "@example.in\"},"
                + "\"ward\":\"W0" + (1 + i % 5) + "\",\"category\":\"STREET_LIGHT\",\"description\":\"Three street lights on the service road have been off for four nights.\","
                + "\"address\":\"Service road near Plot 312, Sector 3\",\"location\":{\"lat\":23.2301,\"lng\":72.6554}}");
        return e.toString();
    }

    static String lookupEvent(String number, String mobile) {
        ObjectNode e = base("GET /v1/complaints/{number}", "/v1/complaints/" + number);
        e.putObject("pathParameters").put("number", number);
        e.putObject("queryStringParameters").put("mobile", mobile);
        return fromCitizen(e, number).toString();
    }

    static String staffPost(String number, String action, String body) {
        ObjectNode e = base("POST /v1/complaints/{number}/" + action, "/v1/complaints/" + number + "/" + action);
        e.putObject("pathParameters").put("number", number);
        ((ObjectNode) e.get("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims")
                .put("cognito:username", "admin1").put("cognito:groups", "[admin]");
        e.put("body", body);
        return e.toString();
    }

    static String citizenPost(String number, String action, String body) {
        ObjectNode e = base("POST /v1/complaints/{number}/" + action, "/v1/complaints/" + number + "/" + action);
        e.putObject("pathParameters").put("number", number);
        e.put("body", body);
        return fromCitizen(e, number).toString();
    }

    static String callRaw(String fn, RequestStreamHandler h, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long s = System.nanoTime();
        h.handleRequest(new ByteArrayInputStream(event.getBytes()), out, null);
        DURATIONS.computeIfAbsent(fn, k -> new ArrayList<>()).add((System.nanoTime() - s) / 1e6);
        return out.toString();
    }

    static JsonNode call(String fn, RequestStreamHandler h, String event) throws Exception {
        JsonNode r = Json.MAPPER.readTree(callRaw(fn, h, event));
        int status = r.path("statusCode").asInt();
        if (status / 100 != 2) throw new IllegalStateException(fn + " answered " + status + ": " + r.path("body").asText());
        return r;
    }

    static String number(JsonNode response) throws Exception {
        return Json.MAPPER.readTree(response.path("body").asText()).path("number").asText();
    }
}
