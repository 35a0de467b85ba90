package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.happserve.testing.Events.anonymous;
import static org.happserve.testing.Events.editBody;
import static org.happserve.testing.Events.withNumber;
import static org.happserve.testing.Events.withQuery;
import static org.happserve.testing.Events.withSourceIp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.LookupComplaints;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoRateLimiter;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.http.Callers;
import org.happserve.lifecycle.ManageComplaintHandler;
import org.happserve.lookup.QueryComplaintsHandler;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.happserve.testing.Lambda.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-address and per-mobile limits against the real table (moto): the handlers wired from
 * their environment as in Lambda (Adapters.from: DynamoRateLimiter on TABLE_NAME, limits from
 * THROTTLE_*), with low limits (5 per address, 3 per mobile, in an hour's window so that a test does
 * not straddle two windows). The end-to-end proof over HTTP with the template's limits is AccessIT.
 */
@ExtendWith(TestAws.Extension.class)
class CitizenThrottleIT {
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private static final Duration WINDOW = Duration.ofHours(1);
    private static TestStack stack;
    private static QueryComplaintsHandler lookup;
    private static ManageComplaintHandler manage;

    @BeforeAll
    static void stack(TestAws aws) {
        stack = new TestStack(aws);
        Map<String, String> env = new HashMap<>(stack.env);
        env.put("THROTTLE_PER_IP", "5");
        env.put("THROTTLE_PER_MOBILE", "3");
        env.put("THROTTLE_WINDOW_SECONDS", Long.toString(WINDOW.toSeconds()));
        lookup = new QueryComplaintsHandler(env);
        manage = new ManageComplaintHandler(env);
    }

    /** Each test counts within one window: wait for the next one if this one is about to end. */
    private static void roomInWindow() throws InterruptedException {
        long left = WINDOW.toMillis() - Math.floorMod(System.currentTimeMillis(), WINDOW.toMillis());
        if (left < 60_000) Thread.sleep(left + 500);
    }

    private static String lodge(String mobile) {
        RegisterComplaints register = stack.register();
        return register.register(new RegisterComplaints.Request(ADMIN, Channel.CALL_CENTRE,
                new CitizenInput("Kiran Desai", mobile, null, null),
                List.of(new ComplaintInput("W01", "STREET_LIGHT", "Pole 7 dark", null, null, null)), "complaints", null))
                .get(0).number();
    }

    private static ObjectNode citizenLookup(String number, String ip, String mobile) {
        return withQuery(withSourceIp(anonymous(withNumber(Fixtures.event("complaint-get-citizen.json"), number)), ip),
                Map.of("mobile", mobile));
    }

    private static ObjectNode citizenReopen(String number, String ip, String mobile) {
        ObjectNode e = editBody(withSourceIp(Fixtures.event("complaint-reopen-citizen.json"), ip), b -> b.put("mobile", mobile));
        ((ObjectNode) e.get("pathParameters")).put("number", number);
        return e;
    }

    private static void assert429(HttpResult r, String what) {
        r.assertProblem(429);
        assertThat(r.body().path("type").asText()).isEqualTo("https://happserve.org/problems/too-many-requests");
        assertThat(r.body().path("detail").asText()).contains(what);
        assertThat(Long.parseLong(r.header("retry-after"))).isBetween(1L, WINDOW.toSeconds());
    }

    @Test
    void oneAddressPastItsLimitIsRefusedWhileAnotherIsServed() throws Exception {
        roomInWindow();
        String n = lodge("9898000001");
        for (int i = 0; i < 5; i++) {
            // A guesser trying mobiles for a known number: each its own mobile, one address.
            assertThat(Lambda.http(lookup, citizenLookup(n, "203.0.113.10", "97000000" + (10 + i))).status()).isEqualTo(404);
        }
        HttpResult refused = Lambda.http(lookup, citizenLookup(n, "203.0.113.10", "9898000001"));
        assert429(refused, "address");
        assertThat(refused.body().toString()).doesNotContain("9898000001").doesNotContain("203.0.113.10");
        HttpResult owner = Lambda.http(lookup, citizenLookup(n, "203.0.113.11", "9898000001"));
        assertThat(owner.status()).as("the owner from another address").isEqualTo(200);
        System.out.println("CitizenThrottleIT: address refused after 5 lookups, Retry-After " + refused.header("retry-after") + " s");
    }

    @Test
    void oneMobileFromManyAddressesIsRefusedPastItsLimitOnLookupAndReopen() throws Exception {
        roomInWindow();
        String n = lodge("9898000002");
        for (int i = 0; i < 3; i++) {
            assertThat(Lambda.http(lookup, citizenLookup(n, "198.51.100." + (20 + i), i % 2 == 0 ? "9898000002" : "+91 98980 00002"))
                    .status()).isEqualTo(200);
        }
        assert429(Lambda.http(lookup, citizenLookup(n, "198.51.100.30", "09898000002")), "mobile number");
        // The reopen shares the mobile's count (a lodged, open complaint would answer 409 if it got through).
        assert429(Lambda.http(manage, citizenReopen(n, "198.51.100.31", "9898000002")), "mobile number");
        assertThat(Lambda.http(manage, citizenReopen(n, "198.51.100.31", "9898000003")).status())
                .as("another mobile gets the same 404 as any wrong mobile").isEqualTo(404);
    }

    @Test
    void staffAreNotThrottled() throws Exception {
        roomInWindow();
        String n = lodge("9898000004");
        ObjectNode staff = withSourceIp(withNumber(Fixtures.event("complaint-get-staff.json"), n), "203.0.113.40");
        for (int i = 0; i < 12; i++) assertThat(Lambda.http(lookup, staff.deepCopy()).status()).isEqualTo(200);
        // … while a citizen at that address is limited as usual.
        for (int i = 0; i < 5; i++) Lambda.http(lookup, citizenLookup(n, "203.0.113.40", "97000001" + (10 + i)));
        assert429(Lambda.http(lookup, citizenLookup(n, "203.0.113.40", "9898000004")), "address");
        assertThat(Lambda.http(lookup, staff.deepCopy()).status()).isEqualTo(200);
    }

    @Test
    void theCountersAreExactUnderConcurrencyAndExpire() throws Exception {
        DynamoRateLimiter limiter = new DynamoRateLimiter(stack.adapters.dynamo(), stack.env.get("TABLE_NAME"));
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        Instant expires = start.plus(Duration.ofMinutes(2));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> hits = new ArrayList<>();
            for (int i = 0; i < 60; i++) hits.add(pool.submit((Callable<Long>) () -> limiter.hit("ip#192.0.2.7", start, expires)));
            List<Long> counts = new ArrayList<>();
            for (Future<Long> f : hits) counts.add(f.get());
            assertThat(counts).as("each request saw its own count").containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        Map<String, AttributeValue> item = stack.adapters.dynamo().getItem(r -> r.tableName(stack.env.get("TABLE_NAME"))
                .key(Map.of("pk", AttributeValue.fromS("RATE#ip#192.0.2.7"), "sk", AttributeValue.fromS("2026-12-04T10:00:00Z")))
                .consistentRead(true)).item();
        assertThat(item.get("hits").n()).isEqualTo("60");
        assertThat(item.get("expiresAt").n()).as("TTL: an expendable record").isEqualTo(Long.toString(expires.getEpochSecond()));
        assertThat(limiter.hit("ip#192.0.2.7", start.plus(Duration.ofMinutes(1)), expires)).as("a new window").isEqualTo(1);
    }

    @Test
    void aLimiterThatCannotCountLetsTheLookupThrough() throws Exception {
        String n = lodge("9898000005");
        List<String> metrics = new ArrayList<>();
        // A real DynamoDB error (ResourceNotFoundException) from the limiter's call, not from the lookup's.
        CitizenThrottle broken = new CitizenThrottle(new DynamoRateLimiter(stack.adapters.dynamo(), "no-such-table"),
                new CitizenThrottle.Limits(1, 1, WINDOW), Clock.systemUTC(), metrics::add);
        QueryComplaintsHandler h = new QueryComplaintsHandler(new LookupComplaints(stack.store, stack.clock), stack.directory,
                new Callers(null), broken);
        for (int i = 0; i < 3; i++) assertThat(Lambda.http(h, citizenLookup(n, "203.0.113.50", "9898000005")).status()).isEqualTo(200);
        assertThat(metrics).hasSize(6).containsOnly("RateLimiterUnavailable");
    }

    @Test
    void aLimiterThatHangsCostsTheLookupAtMostItsCallTimeout() throws Exception {
        String n = lodge("9898000006");
        // A DynamoDB endpoint that accepts connections and never answers.
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             var hanging = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + blackHole.getLocalPort(),
                     "AWS_REGION", "ap-south-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")).dynamo()) {
            List<String> metrics = new ArrayList<>();
            CitizenThrottle hung = new CitizenThrottle(new DynamoRateLimiter(hanging, stack.env.get("TABLE_NAME")),
                    new CitizenThrottle.Limits(1, 1, WINDOW), Clock.systemUTC(), metrics::add);
            QueryComplaintsHandler h = new QueryComplaintsHandler(new LookupComplaints(stack.store, stack.clock), stack.directory,
                    new Callers(null), hung);
            long started = System.nanoTime();
            assertThat(Lambda.http(h, citizenLookup(n, "203.0.113.60", "9898000006")).status()).isEqualTo(200);
            long millis = (System.nanoTime() - started) / 1_000_000;
            // The address's counter call is cut off after 2 s; the mobile's is not even tried (the pause).
            assertThat(millis).isLessThan(5_000);
            assertThat(metrics).containsExactly("RateLimiterUnavailable", "RateLimiterUnavailable");
            System.out.println("CitizenThrottleIT: a hanging limiter let the lookup through in " + millis + " ms");
        }
    }
}
