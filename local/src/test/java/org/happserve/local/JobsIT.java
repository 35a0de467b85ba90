package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.happserve.app.DailyDigest;
import org.happserve.app.ReconcileTimers;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.AwsClients;
import org.happserve.aws.StepFunctionsSlaTimer;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.http.Json;
import org.happserve.jobs.CompactReportsHandler;
import org.happserve.ports.SlaTimer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduled jobs against moto: reconciliation repairs a missing SLA timer; the report compaction
 * folds changed counters once; the daily digest reaches the commissioners once.
 */
@ExtendWith(TestAws.Extension.class)
class JobsIT {
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private TestAws aws;
    private TestStack stack;

    @BeforeEach
    void stack(TestAws testAws) {
        aws = testAws;
        stack = new TestStack(aws);
    }

    private Complaint lodge(RegisterComplaints register, String ward, String category) {
        return register.register(new RegisterComplaints.Request(ADMIN, Channel.WARD_OFFICE,
                new CitizenInput("Ila Trivedi", "9898012345", null, null),
                List.of(new ComplaintInput(ward, category, "Reported at the ward office", null, null, null)), "complaints", null)).get(0);
    }

    @Test
    void aComplaintWhoseTimerNeverStartedStillEscalates() {
        // Step Functions unreachable at registration: the complaint is written, its timer is not.
        AwsClients down = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "ap-south-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        SlaTimer timer = stack.adapters.slaTimer();
        Complaint missed = lodge(stack.register(new StepFunctionsSlaTimer(down.sfn(), stack.env.get("SLA_STATE_MACHINE_ARN"))), "W01", "STREET_LIGHT");
        Complaint healthy = lodge(stack.register(), "W01", "POTHOLE");
        assertThat(timer.isRunning(missed.number(), 0)).isFalse();
        assertThat(timer.isRunning(healthy.number(), 0)).isTrue();

        ReconcileTimers reconcile = new ReconcileTimers(stack.store, stack.actions(), timer, stack.clock, 1);
        assertThat(reconcile.run().overdue()).as("nothing is due yet").isZero();

        stack.clock.advance(Duration.ofHours(48).plusMinutes(3)); // past the street light's 48-hour SLA and the grace
        ReconcileTimers.Result result = reconcile.run();
        assertThat(result.escalated()).isEqualTo(1);
        assertThat(result.timersStarted()).isEqualTo(1);
        Complaint after = stack.store.get(missed.number()).orElseThrow();
        assertThat(after.escalationLevel()).isEqualTo(1);
        assertThat(after.assignee().officerId()).isEqualTo("dee-elec-north");
        assertThat(timer.isRunning(missed.number(), 0)).as("the timer runs again").isTrue();
        assertThat(stack.store.get(healthy.number()).orElseThrow().escalationLevel()).as("the pothole is not due (72 h)").isZero();

        // Running again changes nothing: the escalated complaint is not due at its new level.
        ReconcileTimers.Result again = reconcile.run();
        assertThat(again.escalated()).isZero();
        assertThat(stack.store.get(missed.number()).orElseThrow().version()).isEqualTo(after.version());
    }

    @Test
    void theCompactionFoldsWhatChangedAndThenHasNothingToDo() throws Exception {
        lodge(stack.register(), "W01", "POTHOLE");
        lodge(stack.register(), "W02", "POTHOLE");
        CompactReportsHandler handler = new CompactReportsHandler(stack.env);
        assertThat(run(handler)).isEqualTo(Json.MAPPER.readTree("{\"days\":1,\"markersCleared\":2}"));
        assertThat(run(handler)).isEqualTo(Json.MAPPER.readTree("{\"days\":0,\"markersCleared\":0}"));
    }

    private static JsonNode run(CompactReportsHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void theDigestGoesToEachCommissionerOnceWithYesterdaysFigures() throws Exception {
        Complaint c = lodge(stack.register(), "W02", "POTHOLE");
        lodge(stack.register(), "W02", "POTHOLE");
        stack.actions().close(c.number(), ADMIN, "Filled");
        stack.clock.advance(Duration.ofDays(1));

        DailyDigest digest = new DailyDigest(stack.store, stack.directory, stack.adapters.notifier(), stack.clock);
        assertThat(digest.send()).isEqualTo(stack.gmc.municipality().commissionerEmails().size());
        assertThat(digest.send()).as("a retried run sends nothing twice").isZero();

        JsonNode email = MotoOutbox.read(HttpClient.newHttpClient(), java.net.URI.create(aws.endpoint())).path("email");
        List<JsonNode> digests = StreamSupport.stream(email.spliterator(), false)
                .filter(m -> m.path("subject").asText().contains("daily digest")).toList();
        assertThat(digests).extracting(m -> m.path("to").asText())
                .containsExactlyInAnyOrderElementsOf(stack.gmc.municipality().commissionerEmails());
        String body = digests.get(0).path("body").asText();
        assertThat(body).contains("Pothole").contains("Ward 2");
        assertThat(body.lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow())
                .matches("Total\\s+2\\s+1\\s+0\\s+0");
    }
}
