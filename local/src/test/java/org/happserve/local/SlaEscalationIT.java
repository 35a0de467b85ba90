package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.happserve.aws.AwsClients;
import org.happserve.aws.StepFunctionsSlaTimer;
import org.happserve.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The real statemachines/sla-escalation.asl.json, created from template.yaml as the local runtime
 * creates it, executed by moto's Step Functions engine, its lambda:invoke task served by a
 * {@link LocalGateway} with an in-process test function. Always on a moto of its own (started with
 * MOTO_PORT = the gateway), whatever HAPPSERVE_TEST_ENDPOINT says: this is the local runtime's wiring.
 */
class SlaEscalationIT {
    private static final String STACK = "it-sla";
    /** Every payload the test function received, by complaint number. */
    private static final Map<String, List<Call>> CALLS = new ConcurrentHashMap<>();

    private record Call(JsonNode payload, Instant at) {}

    private static LocalGateway gateway;
    private static MotoServer moto;
    private static SfnClient sfn;
    private static String stateMachineArn;
    private static String functionArn;

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.find();
        gateway = new LocalGateway(MotoServer.freePort(), List.of());
        moto = MotoServer.start(root, gateway.port(),
                Files.createDirectories(root.resolve("local/target")).resolve("moto-sla-it.log"));
        gateway.forwardAws(moto.endpoint());

        CfnTemplate template = CfnTemplate.load(root.resolve("template.yaml"));
        Provisioner provisioner = new Provisioner(template, STACK);
        provisioner.bindDefaults(LocalRuntime.REGION);
        provisioner.functions();
        gateway.function(provisioner.functionName("EscalateComplaintFunction"), SlaEscalationIT::escalate);
        gateway.start();
        functionArn = String.valueOf(template.resolve(Map.of("Fn::GetAtt", List.of("EscalateComplaintFunction", "Arn"))));

        moto.executeStateMachines();
        // Through the gateway, which relays every AWS call but Lambda Invoke to moto (as it does for moto's engine).
        sfn = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + gateway.port(), "AWS_REGION",
                LocalRuntime.REGION, "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")).sfn();
        provisioner.stateMachines(sfn, root);
        stateMachineArn = String.valueOf(template.resolve(Map.of("Ref", "SlaEscalationStateMachine")));
    }

    @AfterAll
    static void stop() {
        if (sfn != null) sfn.close();
        if (gateway != null) gateway.close();
        if (moto != null) moto.close();
    }

    /**
     * The test escalation function: WAIT one second past the previous dueAt, one level up, twice;
     * then STOP. Numbers starting CRASH throw; numbers starting ODD answer an unknown action.
     */
    private static void escalate(InputStream in, OutputStream out, Context context) throws IOException {
        ObjectNode state = (ObjectNode) Json.MAPPER.readTree(in);
        String number = state.path("number").asText();
        List<Call> calls = CALLS.computeIfAbsent(number, k -> new CopyOnWriteArrayList<>());
        calls.add(new Call(state.deepCopy(), Instant.now()));
        if (number.startsWith("CRASH")) throw new IllegalStateException("complaint " + number + " does not exist");
        ObjectNode next = state.deepCopy();
        if (number.startsWith("ODD")) next.put("action", "LATER");
        else if (calls.size() < 3) next.put("level", state.path("level").asInt() + 1)
                .put("dueAt", Instant.parse(state.path("dueAt").asText()).plusSeconds(1).toString()).put("action", "WAIT");
        else next.put("action", "STOP");
        Json.MAPPER.writeValue(out, next);
    }

    private static String start(String name, String input) {
        return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
        while (d.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            d = sfn.describeExecution(r -> r.executionArn(executionArn));
        }
        return d;
    }

    @Test
    void waitsUntilEachDueAtAndLoopsWhileTheFunctionAnswersWait() throws Exception {
        String number = "GMC-2612-" + UUID.randomUUID().toString().substring(0, 6);
        Instant due = Instant.now().plusSeconds(1);
        String arn = start(number + "-r0", Json.object().put("number", number).put("reopenCount", 0).put("level", 0)
                .put("dueAt", due.toString()).toString());

        DescribeExecutionResponse end = awaitEnd(arn, Duration.ofSeconds(30));

        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<Call> calls = CALLS.get(number);
        assertThat(calls).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Instant dueAt = due.plusSeconds(i);
            // Exactly the timer state (no action left over from the previous answer).
            assertThat(calls.get(i).payload()).isEqualTo(Json.object().put("number", number).put("reopenCount", 0)
                    .put("level", i).put("dueAt", dueAt.toString()));
            // Never before dueAt (launcher.py makes moto's Wait as exact as AWS's).
            assertThat(calls.get(i).at()).isAfterOrEqualTo(dueAt);
        }
        assertThat(Json.MAPPER.readTree(end.output()).path("action").asText()).isEqualTo("STOP");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"reopenCount\":0,\"level\":0}",
            "{\"number\":\"N\",\"reopenCount\":0,\"level\":0}",
            "{\"number\":\"N\",\"reopenCount\":0,\"level\":0,\"dueAt\":\"tomorrow\"}",
            "{\"number\":\"N\",\"reopenCount\":0,\"level\":0,\"dueAt\":\"2026-12-05T10:00:00+05:30\"}",
            "{\"number\":\"N\",\"reopenCount\":0,\"level\":0,\"dueAt\":1765000000}",
            "{\"number\":\"N\",\"reopenCount\":\"0\",\"level\":0,\"dueAt\":\"2020-01-01T00:00:00Z\"}",
            "{\"number\":7,\"reopenCount\":0,\"level\":0,\"dueAt\":\"2020-01-01T00:00:00Z\"}",
            "[]"})
    void malformedInputFailsAtOnceWithANamedErrorAndNeverCallsTheFunction(String input) throws Exception {
        DescribeExecutionResponse end = awaitEnd(start("bad-" + UUID.randomUUID(), input), Duration.ofSeconds(10));

        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("HappServe.InvalidTimerInput");
        assertThat(CALLS).doesNotContainKeys("N", "7");
    }

    @Test
    void aFailingFunctionEndsTheExecutionAfterOneCallWithItsReason() throws Exception {
        String number = "CRASH-" + UUID.randomUUID().toString().substring(0, 6);
        String arn = start(number + "-r0", Json.object().put("number", number).put("reopenCount", 0).put("level", 0)
                .put("dueAt", Instant.now().toString()).toString());

        DescribeExecutionResponse end = awaitEnd(arn, Duration.ofSeconds(10));

        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("HappServe.EscalationFailed");
        assertThat(end.cause()).contains("java.lang.IllegalStateException", "does not exist");
        assertThat(CALLS.get(number)).hasSize(1); // no retries of the function's own error
    }

    @Test
    void anUnknownActionFailsTheExecution() throws Exception {
        String number = "ODD-" + UUID.randomUUID().toString().substring(0, 6);
        String arn = start(number + "-r0", Json.object().put("number", number).put("reopenCount", 0).put("level", 0)
                .put("dueAt", Instant.now().toString()).toString());

        DescribeExecutionResponse end = awaitEnd(arn, Duration.ofSeconds(10));

        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("HappServe.InvalidEscalationResult");
        assertThat(CALLS.get(number)).hasSize(1);
    }

    @Test
    void theTimerStartsOncePerComplaintAndReopenAndStopAbortsTheWait() throws Exception {
        StepFunctionsSlaTimer timer = new StepFunctionsSlaTimer(sfn, stateMachineArn);
        String number = "GMC-2612-" + UUID.randomUUID().toString().substring(0, 6);
        Instant due = Instant.now().plus(Duration.ofHours(1));

        timer.start(number, 0, 0, due);
        timer.start(number, 0, 0, due); // a retried start: same input
        timer.start(number, 0, 1, due.plusSeconds(60)); // a retry that computed another state

        List<ExecutionListItem> executions = sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions()
                .stream().filter(e -> e.name().startsWith(number)).toList();
        assertThat(executions).extracting(ExecutionListItem::name).containsExactly(number + "-r0");
        assertThat(timer.isRunning(number, 0)).isTrue();
        assertThat(timer.isRunning(number, 1)).isFalse();

        timer.stop(number, 0);

        String arn = executions.get(0).executionArn();
        assertThat(awaitEnd(arn, Duration.ofSeconds(10)).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(timer.isRunning(number, 0)).isFalse();
        timer.stop(number, 0); // already stopped
        timer.stop(number, 1); // never started
        assertThat(CALLS).doesNotContainKey(number);
    }

    @Test
    void theGatewayServesLambdaInvokeByNameArnOrAlias() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String payload = Json.object().put("number", "ODD-invoke").put("reopenCount", 0).put("level", 0)
                .put("dueAt", "2026-12-05T10:00:00.000Z").toString();
        for (String id : List.of(functionArn, functionArn + ":live", STACK + "-EscalateComplaintFunction", "nowhere")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                            + "/2015-03-31/functions/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            if (id.equals("nowhere")) {
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(r.headers().firstValue("X-Amzn-ErrorType")).contains("ResourceNotFoundException");
            } else {
                assertThat(r.statusCode()).as(id).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(r.body()).path("action").asText()).isEqualTo("LATER");
            }
        }
    }
}
