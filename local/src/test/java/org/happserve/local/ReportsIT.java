package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.happserve.app.ComplaintActions;
import org.happserve.app.DirectorySource;
import org.happserve.app.RegisterComplaints;
import org.happserve.app.Reports;
import org.happserve.aws.DynamoComplaintStore;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.Refusal;
import org.happserve.domain.StatDelta;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.Status;
import org.happserve.ports.ComplaintStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The report counters, maintained on every transition and folded into daily snapshots by the
 * compaction, equal a recount of the stored complaints.
 */
@ExtendWith(TestAws.Extension.class)
class ReportsIT {
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private static final List<String> CATEGORIES = List.of("STREET_LIGHT", "POTHOLE", "GARBAGE_NOT_COLLECTED");

    @Test
    void countersEqualARecountAfterAMixedRun(TestAws aws) throws Exception {
        TestStack stack = new TestStack(aws);
        Directory gmc = stack.gmc;
        MovableClock clock = stack.clock;
        ComplaintStore store = stack.store;
        DirectorySource directory = stack.directory;
        RegisterComplaints register = stack.register();
        ComplaintActions actions = stack.actions();
        ZoneId zone = gmc.municipality().zone();
        LocalDate firstDay = LocalDate.now(clock.withZone(zone));

        Random random = new Random(7);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String ward = i % 2 == 0 ? "W01" : "W02";
            List<ComplaintInput> inputs = List.of(new ComplaintInput(ward, CATEGORIES.get(i % 3), "case " + i, null, null, null),
                    new ComplaintInput(ward, CATEGORIES.get((i + 1) % 3), "case " + i + "b", null, null, null));
            register.register(new RegisterComplaints.Request(ADMIN, Channel.CALL_CENTRE,
                    new CitizenInput("Caller " + i, String.format("98%08d", i), null, null), inputs, "complaints", null))
                    .forEach(c -> numbers.add(c.number()));
            clock.advance(Duration.ofMinutes(37));
        }
        // A mixed day and a half: closes, reopens, escalations when due, more closes.
        for (int round = 0; round < 4; round++) {
            for (String n : numbers) {
                Complaint c = store.get(n).orElseThrow();
                int dice = random.nextInt(4);
                try {
                    if (c.status() == Status.OPEN && dice == 0) actions.close(n, ADMIN, "fixed in round " + round);
                    else if (c.status() == Status.CLOSED && dice == 1) actions.reopen(n, ADMIN, null, "not fixed");
                    else if (c.status() == Status.OPEN) actions.escalateIfDue(n);
                } catch (Refusal outsideTheRules) {
                    // e.g. a reopen after its window: the counters must not move either
                }
            }
            // Snapshots taken mid-run: later rounds change cells already folded into them.
            if (round % 2 == 0) assertThat(store.compactStats().days()).isPositive();
            clock.advance(Duration.ofHours(10));
        }

        Reports reports = new Reports(store, directory);
        var recount = Recount.byCategory(store, numbers, gmc.topLevel());
        Reports.Summary summary = reports.summary(firstDay.minusDays(1), firstDay.plusDays(3), null);
        Recount.assertEqual(summary, recount, gmc.topLevel());
        List<String> w02 = numbers.stream().filter(n -> store.get(n).orElseThrow().ward().equals("W02")).toList();
        Recount.assertEqual(reports.summary(firstDay.minusDays(1), firstDay.plusDays(3), "W02"),
                Recount.byCategory(store, w02, gmc.topLevel()), gmc.topLevel());
        // Read from the snapshots alone once everything is folded: the same figures, and nothing left marked.
        assertThat(store.compactStats().cleared()).isPositive();
        assertThat(markers(stack)).isZero();
        assertThat(reports.summary(firstDay.minusDays(1), firstDay.plusDays(3), null)).isEqualTo(summary);
        assertThat(summary.totals().registered()).isEqualTo(numbers.size());
        assertThat(summary.totals().closed()).isPositive();
        assertThat(summary.totals().reopens()).isPositive();
        assertThat(summary.totals().slaBreaches()).isPositive();
        assertThat(summary.daily().stream().mapToLong(Reports.Day::registered).sum()).isEqualTo(numbers.size());
        // A ward filter keeps only that ward's complaints, marked or folded.
        List<String> w01 = numbers.stream().filter(n -> store.get(n).orElseThrow().ward().equals("W01")).toList();
        assertThat(w01).hasSize(numbers.size() / 2);
        Recount.assertEqual(reports.summary(firstDay.minusDays(1), firstDay.plusDays(3), "W01"),
                Recount.byCategory(store, w01, gmc.topLevel()), gmc.topLevel());
        // The per-ward cells the daily digest reads add up to the same.
        assertThat(store.stats(firstDay.minusDays(1), firstDay.plusDays(3)).stream()
                .mapToLong(r -> r.counts().getOrDefault(StatDelta.REGISTERED, 0L)).sum()).isEqualTo(numbers.size());
    }

    /**
     * A complaint changes while the compaction is between reading a day's cells and dropping their
     * markers: that cell stays marked, so the report still counts the change, and the next
     * compaction folds it.
     */
    @Test
    void aChangeDuringACompactionIsNeitherLostNorCountedTwice(TestAws aws) throws Exception {
        TestStack stack = new TestStack(aws);
        RegisterComplaints register = stack.register();
        ComplaintActions actions = stack.actions();
        String first = registerOne(register, "W01", "POTHOLE");
        String second = registerOne(register, "W01", "POTHOLE");
        LocalDate today = LocalDate.now(stack.clock.withZone(stack.gmc.municipality().zone()));
        Reports reports = new Reports(stack.store, stack.directory);

        AtomicInteger queries = new AtomicInteger();
        DynamoDbClient real = stack.adapters.dynamo();
        // Closes the first complaint right after the compaction's second Query (markers, then today's cells).
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (method.getName().equals("query") && queries.incrementAndGet() == 2) {
                        actions.close(first, ADMIN, "fixed while the compaction ran");
                    }
                    return result;
                });
        ComplaintStore compacting = new DynamoComplaintStore(racing, stack.env.get("TABLE_NAME"));
        ComplaintStore.Compaction c = compacting.compactStats();

        assertThat(queries).hasValue(2);
        assertThat(c.days()).isEqualTo(1);
        assertThat(markers(stack)).as("the closed complaint's cell stays marked").isEqualTo(1);
        Reports.Figures totals = reports.summary(today, today, null).totals();
        assertThat(totals.registered()).isEqualTo(2);
        assertThat(totals.closed()).isEqualTo(1);
        assertThat(totals.open()).isEqualTo(1);

        assertThat(stack.store.compactStats().cleared()).isEqualTo(1);
        assertThat(markers(stack)).isZero();
        assertThat(reports.summary(today, today, null).totals()).isEqualTo(totals);
        assertThat(stack.store.get(second).orElseThrow().status()).isEqualTo(Status.OPEN);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String registerOne(RegisterComplaints register, String ward, String category) {
        return register.register(new RegisterComplaints.Request(ADMIN, Channel.CALL_CENTRE,
                new CitizenInput("Caller", "9800000001", null, null),
                List.of(new ComplaintInput(ward, category, "a complaint", null, null, null)), "complaints", null))
                .get(0).number();
    }

    /** Counter cells changed since the last compaction. */
    private static int markers(TestStack stack) {
        return stack.adapters.dynamo().query(r -> r.tableName(stack.env.get("TABLE_NAME"))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("STATS#DIRTY")))).count();
    }
}
