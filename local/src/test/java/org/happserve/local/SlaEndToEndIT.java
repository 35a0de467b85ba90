package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.happserve.aws.AwsClients;
import org.happserve.domain.Directory;
import org.happserve.domain.Officer;
import org.happserve.http.Json;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * SLA escalation end to end on a local runtime of its own at time scale {@value #TIME_SCALE} (an hour
 * of SLA passes in a second): the real state machine executed by moto, the escalation function run
 * in process, and every outcome observed as a client sees it — {@code GET /v1/complaints/{number}}
 * with its timeline, {@code GET /local/outbox} — plus the complaint's timer execution in moto.
 *
 * <p>The scenarios wait through SLAs of several seconds each, so they all start together in
 * {@link #start()}, each on its own thread; each test waits for its scenario and reports how it
 * ended. The class takes about as long as its longest scenario (never closed: four SLAs).
 */
class SlaEndToEndIT {
    private static final double TIME_SCALE = 3600;
    /** The category with the shortest SLAs (12, 8, 6 and 6 hours at levels 0 to 3). */
    private static final String CATEGORY = "DEAD_ANIMAL";
    /** The first ward: the demo users include its officers at every level. */
    private static final String WARD = "W01";
    private static final String MOBILE = "9824066666";
    /** How much later than due a timer may fire and its effects show on a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(15);
    /** How long after dueAt a live timer has surely fired (moto's Wait ends within a second of it). */
    private static final Duration SURELY_FIRED = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * When each racing close is sent, relative to its complaint's dueAt. moto's Wait ends within a second
     * after dueAt and its state transitions take a few hundred milliseconds each, so the escalation is
     * written about 1 to 2.5 s after dueAt: the closes land before, during and after it.
     */
    private static final List<Duration> RACE_OFFSETS = IntStream.range(0, 8).mapToObj(i -> Duration.ofMillis(500L * i))
            .toList();

    private static LocalRuntime runtime;
    private static Http http;
    private static SfnClient sfn;
    private static String stateMachineArn;
    private static Directory directory;
    /** The chain of authorities of (WARD, CATEGORY's department), by level. */
    private static List<Officer> chain;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();
    private static ExecutorService threads;
    private static Future<?> neverClosed;
    private static Future<?> closedBeforeDue;
    private static Future<?> closedBetweenLevels;
    private static Future<?> reopenedAfterClose;
    private static final List<Future<?>> racingClose = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalRuntime.Options(RepoRoot.find(), 0, TIME_SCALE,
                RepoRoot.find().resolve("config/gmc.json")));
        http = new Http(runtime.apiUrl());
        Map<String, String> env = runtime.functionEnvironment();
        sfn = new AwsClients(env).sfn();
        stateMachineArn = env.get("SLA_STATE_MACHINE_ARN");

        directory = Fixtures.sampleDirectory();
        String department = directory.category(CATEGORY).orElseThrow().department();
        chain = IntStream.rangeClosed(0, directory.topLevel())
                .mapToObj(level -> directory.officerFor(WARD, department, level)).toList();
        List<String> demoUsers = http.get("/local/info", null).json().path("users").findValuesAsText("username");
        for (Officer officer : chain) {
            assertThat(demoUsers).as("demo users").contains(officer.id());
            tokens.put(officer.id(), http.login(officer.id()));
        }
        tokens.put("admin1", http.login("admin1"));

        threads = Executors.newCachedThreadPool();
        neverClosed = threads.submit(SlaEndToEndIT::neverClosed);
        closedBeforeDue = threads.submit(SlaEndToEndIT::closedBeforeDue);
        closedBetweenLevels = threads.submit(SlaEndToEndIT::closedBetweenLevels);
        reopenedAfterClose = threads.submit(SlaEndToEndIT::reopenedAfterClose);
        for (Duration offset : RACE_OFFSETS) racingClose.add(threads.submit(() -> closeRacingEscalation(offset)));
    }

    @AfterAll
    static void stop() {
        if (threads != null) threads.shutdownNow();
        if (sfn != null) sfn.close();
        if (runtime != null) runtime.close();
    }

    // ---------------------------------------------------------------- never closed

    @Test
    void neverClosedClimbsLevelByLevelToTheDeputyCommissionerAndIsRemindedThere() throws Exception {
        outcome(neverClosed);
    }

    private static Void neverClosed() {
        String n = register("Carcass on the road, nobody came");
        JsonNode c = complaint(n);
        List<Instant> dues = new ArrayList<>(List.of(dueAt(c)));
        for (int level = 1; level <= top(); level++) {
            Instant due = dueAt(c);
            int expected = level;
            c = awaitComplaint(n, "escalation to level " + level, due, x -> x.path("escalationLevel").asInt() >= expected);
            assertThat(c.path("escalationLevel").asInt()).as("one level at a time").isEqualTo(level);
            assertThat(c.path("status").asText()).isEqualTo("OPEN");
            assertEscalatedOnTime(c, level, due);
            dues.add(dueAt(c));
            Officer officer = chain.get(level);
            assertThat(c.path("assignee").path("officerId").asText()).isEqualTo(officer.id());
            awaitSms(officer, n, "escalated to you (level " + level + ")");
            awaitEmail(officer, n);
        }
        assertThat(chain.get(top()).id()).isEqualTo("dmc");

        // At the top: no further level, a reminder to the Deputy Commissioner once the top level's SLA passes.
        Instant due = dueAt(c);
        c = awaitComplaint(n, "a reminder at the top level", due, x -> !entries(x, "REMINDER").isEmpty());
        JsonNode reminder = entries(c, "REMINDER").get(0);
        assertThat(at(reminder)).isAfterOrEqualTo(due);
        assertThat(c.path("escalationLevel").asInt()).isEqualTo(top());
        assertThat(c.path("assignee").path("officerId").asText()).isEqualTo("dmc");
        assertThat(entries(c, "ESCALATED")).hasSize(top());
        assertThat(dueAt(c)).as("due again one top-level SLA later").isEqualTo(at(reminder).plus(sla(top())));
        awaitSms(chain.get(top()), n, "Reminder");

        // One execution did all of it: it woke at each level's dueAt and called the function with that level.
        assertThat(timer(n, 0).status()).as("the timer keeps reminding").isEqualTo(ExecutionStatus.RUNNING);
        List<HistoryEvent> calls = timerCalls(n, 0);
        assertThat(calls.size()).isGreaterThan(top());
        for (int level = 0; level <= top(); level++) {
            JsonNode sent = payload(calls.get(level));
            assertThat(sent.path("level").asInt()).isEqualTo(level);
            assertThat(dueAt(sent)).isEqualTo(dues.get(level));
            assertThat(calls.get(level).timestamp()).as("called when due").isAfterOrEqualTo(dues.get(level));
        }
        return null;
    }

    // ---------------------------------------------------------------- closed before due

    @Test
    void closedBeforeDueNeverEscalatesAndItsTimerStops() throws Exception {
        outcome(closedBeforeDue);
    }

    private static Void closedBeforeDue() {
        String n = register("Dead dog near the school gate");
        Instant due = dueAt(complaint(n));
        close(n, chain.get(0), "Removed within the hour");
        assertClosedFor(n, 0, due);
        return null;
    }

    // ---------------------------------------------------------------- closed between levels

    @Test
    void closedBetweenLevelsStopsTheClimb() throws Exception {
        outcome(closedBetweenLevels);
    }

    private static Void closedBetweenLevels() {
        String n = register("Dead cow behind the market");
        Instant due = dueAt(complaint(n));
        JsonNode c = awaitComplaint(n, "escalation to level 1", due, x -> x.path("escalationLevel").asInt() >= 1);
        assertEscalatedOnTime(c, 1, due);
        Instant nextDue = dueAt(c);
        sleepUntil(nextDue.minus(sla(1).dividedBy(2))); // half way through level 1
        close(n, chain.get(1), "Removed by the level-1 officer's team");
        assertClosedFor(n, 1, nextDue);
        return null;
    }

    // ---------------------------------------------------------------- reopened after close

    @Test
    void reopenedAfterCloseStartsANewTimerOneLevelUpThatEscalatesWhenDue() throws Exception {
        outcome(reopenedAfterClose);
    }

    private static Void reopenedAfterClose() {
        String n = register("Dead animal in the drain");
        Instant firstDue = dueAt(complaint(n));
        close(n, chain.get(0), "Removed");
        awaitTimerStopped(n, 0, firstDue);
        Http.Response r = http.post("/v1/complaints/" + n + "/reopen", null,
                "{\"mobile\":\"" + MOBILE + "\",\"reason\":\"Only half of it was removed\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        JsonNode c = complaint(n);
        assertThat(c.path("status").asText()).isEqualTo("OPEN");
        assertThat(c.path("reopenCount").asInt()).isEqualTo(1);
        assertThat(c.path("escalationLevel").asInt()).isEqualTo(1);
        assertThat(c.path("assignee").path("officerId").asText()).isEqualTo(chain.get(1).id());
        Instant due = dueAt(c);
        assertThat(due).as("a fresh SLA at level 1").isEqualTo(at(entries(c, "REOPENED").get(0)).plus(sla(1)));
        DescribeExecutionResponse round = timer(n, 1);
        assertThat(round.status()).isEqualTo(ExecutionStatus.RUNNING);
        JsonNode input = json(round.input());
        assertThat(input.path("number").asText()).isEqualTo(n);
        assertThat(input.path("reopenCount").asInt()).isEqualTo(1);
        assertThat(input.path("level").asInt()).as("the new round starts one level up").isEqualTo(1);
        assertThat(dueAt(input)).isEqualTo(due);

        c = awaitComplaint(n, "escalation of the reopened complaint", due, x -> x.path("escalationLevel").asInt() >= 2);
        assertEscalatedOnTime(c, 2, due);
        assertThat(c.path("assignee").path("officerId").asText()).isEqualTo(chain.get(2).id());
        assertThat(c.path("reopenCount").asInt()).isEqualTo(1);
        List<String> types = types(c);
        assertThat(types.lastIndexOf("ESCALATED")).isGreaterThan(types.indexOf("REOPENED"));
        assertThat(entries(c, "ESCALATED")).hasSize(1);
        awaitSms(chain.get(2), n, "escalated to you (level 2)");
        // The new round's timer woke when it fell due.
        HistoryEvent call = await("the reopened round's timer calling", due.plus(SLACK), () -> timerCalls(n, 1),
                calls -> !calls.isEmpty()).get(0);
        assertThat(payload(call).path("level").asInt()).isEqualTo(1);
        assertThat(call.timestamp()).isAfterOrEqualTo(due);
        return null;
    }

    // ---------------------------------------------------------------- escalation racing close

    @Test
    void closeRacingTheEscalationEndsInOneConsistentState() throws Exception {
        for (Future<?> race : racingClose) outcome(race);
    }

    /**
     * Closed about when it falls due, by the level-1 officer, who may close at level 0 (as an officer
     * above) and at level 1 (as the assignee): whichever of the two writes first, the complaint ends
     * CLOSED, escalated at most once and before the close, and its timer ends.
     */
    private static Void closeRacingEscalation(Duration offset) {
        String n = register("Dead animal, close " + offset.toMillis() + " ms after due");
        sleepUntil(dueAt(complaint(n)).plus(offset));
        close(n, chain.get(1), "Removed just in time");
        DescribeExecutionResponse timer = await("end of the timer of " + n, Instant.now().plus(SLACK),
                () -> timer(n, 0), t -> t.status() != ExecutionStatus.RUNNING);
        // Stopped by the close, or ended by the function finding the complaint closed.
        assertThat(timer.status() == ExecutionStatus.SUCCEEDED || stopped(timer)).as(describe(timer)).isTrue();

        JsonNode c = complaint(n);
        assertThat(c.path("status").asText()).isEqualTo("CLOSED");
        assertThat(entries(c, "CLOSED")).hasSize(1);
        List<String> types = types(c);
        int escalations = entries(c, "ESCALATED").size();
        assertThat(escalations).isLessThanOrEqualTo(1);
        if (escalations == 1) assertThat(types.indexOf("ESCALATED")).isLessThan(types.indexOf("CLOSED"));
        assertThat(c.path("escalationLevel").asInt()).isEqualTo(escalations);
        assertThat(c.path("assignee").path("officerId").asText()).isEqualTo(chain.get(escalations).id());
        assertThat(entries(c, "ASSIGNED")).hasSize(1 + escalations);
        assertThat(awaitSms(chain.get(1), n, "escalated to you (level 1)", escalations)).hasSize(escalations);
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /** Waits for a scenario (each bounds its own waits) and rethrows how it failed. */
    private static void outcome(Future<?> scenario) throws Exception {
        try {
            scenario.get(3, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error;
            throw (Exception) e.getCause();
        }
    }

    private static String register(String description) {
        Http.Response r = http.post("/v1/complaints", null, """
                {"citizen":{"name":"Hetal Rana","mobile":"%s"},"ward":"%s","category":"%s","description":"%s"}"""
                .formatted(MOBILE, WARD, CATEGORY, description));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.path("escalationLevel").asInt()).isZero();
        assertThat(dueAt(c)).isEqualTo(Instant.parse(c.path("registeredAt").asText()).plus(sla(0)));
        return c.path("number").asText();
    }

    private static void close(String number, Officer officer, String resolution) {
        Http.Response r = http.post("/v1/complaints/" + number + "/close", tokens.get(officer.id()),
                Json.object().put("resolution", resolution).toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The staff view of a complaint, with its whole timeline. */
    private static JsonNode complaint(String number) {
        Http.Response r = http.get("/v1/complaints/" + number, tokens.get("admin1"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /**
     * A close at {@code level} ended the climb: the timer stopped before it would have fired at
     * {@code due}, and once that time has surely passed the complaint is still closed at that level,
     * with that level's officer, and nobody above was told.
     */
    private static void assertClosedFor(String number, int level, Instant due) {
        awaitTimerStopped(number, 0, due);
        sleepUntil(due.plus(SURELY_FIRED));
        JsonNode c = complaint(number);
        assertThat(c.path("status").asText()).isEqualTo("CLOSED");
        assertThat(c.path("escalationLevel").asInt()).isEqualTo(level);
        assertThat(c.path("assignee").path("officerId").asText()).isEqualTo(chain.get(level).id());
        assertThat(entries(c, "ESCALATED")).hasSize(level);
        assertThat(types(c)).doesNotContain("REMINDER");
        assertThat(smsTo(chain.get(level + 1), number)).isEmpty();
    }

    /** Polls the complaint until {@code done} holds, from {@code due} (nothing may happen before) to due + slack. */
    private static JsonNode awaitComplaint(String number, String what, Instant due, Predicate<JsonNode> done) {
        sleepUntil(due);
        return await(what, due.plus(SLACK), () -> complaint(number), done);
    }

    private static <T> T await(String what, Instant deadline, Supplier<T> read, Predicate<T> done) {
        T last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("no " + what + " by " + deadline + "; last seen: " + last);
            sleep(POLL);
            last = read.get();
        }
        return last;
    }

    /**
     * The complaint just escalated to {@code level}: not before the due time it missed, recorded on the
     * timeline, and due again one SLA of the new level after the escalation.
     */
    private static void assertEscalatedOnTime(JsonNode c, int level, Instant missed) {
        List<JsonNode> escalations = entries(c, "ESCALATED");
        JsonNode last = escalations.get(escalations.size() - 1);
        assertThat(last.path("text").asText()).contains("level " + level);
        assertThat(at(last)).isAfterOrEqualTo(missed);
        assertThat(dueAt(c)).isEqualTo(at(last).plus(sla(level)));
    }

    private static List<JsonNode> entries(JsonNode complaint, String type) {
        return StreamSupport.stream(complaint.path("timeline").spliterator(), false)
                .filter(e -> e.path("type").asText().equals(type)).toList();
    }

    /** The timeline's entry types, oldest first, without the messages. */
    private static List<String> types(JsonNode complaint) {
        return complaint.path("timeline").findValuesAsText("type").stream().filter(t -> !t.equals("NOTIFICATION")).toList();
    }

    private static Instant dueAt(JsonNode complaintOrTimerState) {
        return Instant.parse(complaintOrTimerState.path("dueAt").asText());
    }

    private static Instant at(JsonNode entry) {
        return Instant.parse(entry.path("at").asText());
    }

    private static int top() {
        return directory.topLevel();
    }

    private static Duration sla(int level) {
        return directory.category(CATEGORY).orElseThrow().slaAt(level, TIME_SCALE);
    }

    private static List<JsonNode> smsTo(Officer officer, String number) {
        return StreamSupport.stream(http.get("/local/outbox", null).json().path("sms").spliterator(), false)
                .filter(m -> m.path("to").asText().equals(officer.mobile()) && m.path("message").asText().contains(number))
                .toList();
    }

    private static void awaitSms(Officer officer, String number, String containing) {
        awaitSms(officer, number, containing, 1);
    }

    /** The SMS to the officer about the complaint that contain the text, once there are at least {@code count}. */
    private static List<JsonNode> awaitSms(Officer officer, String number, String containing, int count) {
        return await(count + " SMS to " + officer.id() + " about " + number + " saying '" + containing + "'",
                Instant.now().plus(SLACK),
                () -> smsTo(officer, number).stream().filter(m -> m.path("message").asText().contains(containing)).toList(),
                sms -> sms.size() >= count);
    }

    private static void awaitEmail(Officer officer, String number) {
        await("email to " + officer.id() + " about " + number, Instant.now().plus(SLACK),
                () -> http.get("/local/outbox", null).json().path("email"),
                emails -> StreamSupport.stream(emails.spliterator(), false).anyMatch(m ->
                        m.path("to").asText().contains(officer.email()) && m.path("subject").asText().contains(number)));
    }

    // ---------------------------------------------------------------- the complaint's timer in moto

    /** The execution of the complaint's timer for one round, named {@code <number>-r<reopenCount>}. */
    private static String executionArn(String number, int reopenCount) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + number + "-r" + reopenCount;
    }

    private static DescribeExecutionResponse timer(String number, int reopenCount) {
        return sfn.describeExecution(r -> r.executionArn(executionArn(number, reopenCount)));
    }

    /** The round's calls of the escalation function (Task scheduled), oldest first. */
    private static List<HistoryEvent> timerCalls(String number, int reopenCount) {
        return sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn(number, reopenCount))).events().stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).toList();
    }

    /** The timer state a Task sent the function: {number, reopenCount, level, dueAt}. */
    private static JsonNode payload(HistoryEvent taskScheduled) {
        return json(taskScheduled.taskScheduledEventDetails().parameters()).path("Payload");
    }

    /**
     * Waits until a close has stopped the round's timer, before {@code by} (when it would have fired).
     * Stopped is ABORTED; moto 5.2.1 sometimes ends an execution stopped while it moves between states
     * FAILED with States.Runtime (an IndexError in its interpreter) instead, which is stopped too.
     */
    private static void awaitTimerStopped(String number, int reopenCount, Instant by) {
        DescribeExecutionResponse timer = await("the timer of " + number + " stopped", by,
                () -> timer(number, reopenCount), t -> t.status() != ExecutionStatus.RUNNING);
        assertThat(stopped(timer)).as(describe(timer)).isTrue();
    }

    private static boolean stopped(DescribeExecutionResponse timer) {
        return timer.status() == ExecutionStatus.ABORTED
                || timer.status() == ExecutionStatus.FAILED && "States.Runtime".equals(timer.error());
    }

    private static String describe(DescribeExecutionResponse timer) {
        return timer.name() + " ended " + timer.status() + " " + timer.error() + ": " + timer.cause();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepUntil(Instant t) {
        sleep(Duration.between(Instant.now(), t));
    }

    private static void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
