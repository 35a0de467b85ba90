package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.happserve.app.ComplaintActions;
import org.happserve.app.DailyDigest;
import org.happserve.app.DirectorySource;
import org.happserve.app.NotificationDispatcher;
import org.happserve.app.ReconcileTimers;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.Adapters;
import org.happserve.aws.AwsClients;
import org.happserve.aws.StepFunctionsSlaTimer;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.Messages;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.SlaTimer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduled jobs against moto: reconciliation repairs a missing SLA timer; the daily digest reaches the commissioners once. */
@ExtendWith(TestAws.Extension.class)
class JobsIT {
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private TestAws aws;
    private Map<String, String> env;
    private Directory gmc;
    private MovableClock clock;
    private ComplaintStore store;
    private DirectorySource directory;
    private NotificationDispatcher dispatcher;
    private SlaTimer timer;

    @BeforeEach
    void stack(TestAws testAws) throws Exception {
        aws = testAws;
        env = aws.freshStack();
        Adapters a = Adapters.from(env);
        gmc = DirectoryJson.parse(Files.readString(RepoRoot.find().resolve("config/gmc.json")));
        a.directoryStore().save(gmc);
        clock = new MovableClock();
        store = a.complaintStore();
        directory = new DirectorySource(a.directoryStore(), clock);
        dispatcher = new NotificationDispatcher(store, a.notifier(), directory, clock);
        timer = a.slaTimer();
    }

    private RegisterComplaints register(SlaTimer withTimer) {
        return new RegisterComplaints(store, directory, Messages.load(), dispatcher, withTimer, clock, 1);
    }

    private ComplaintActions actions() {
        return new ComplaintActions(store, directory, Messages.load(), dispatcher, timer, clock, 1);
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
        Complaint missed = lodge(register(new StepFunctionsSlaTimer(down.sfn(), env.get("SLA_STATE_MACHINE_ARN"))), "W01", "STREET_LIGHT");
        Complaint healthy = lodge(register(timer), "W01", "POTHOLE");
        assertThat(timer.isRunning(missed.number(), 0)).isFalse();
        assertThat(timer.isRunning(healthy.number(), 0)).isTrue();

        ReconcileTimers reconcile = new ReconcileTimers(store, actions(), timer, clock, 1);
        assertThat(reconcile.run().overdue()).as("nothing is due yet").isZero();

        clock.advance(Duration.ofHours(48).plusMinutes(3)); // past the street light's 48-hour SLA and the grace
        ReconcileTimers.Result result = reconcile.run();
        assertThat(result.escalated()).isEqualTo(1);
        assertThat(result.timersStarted()).isEqualTo(1);
        Complaint after = store.get(missed.number()).orElseThrow();
        assertThat(after.escalationLevel()).isEqualTo(1);
        assertThat(after.assignee().officerId()).isEqualTo("dee-elec-north");
        assertThat(timer.isRunning(missed.number(), 0)).as("the timer runs again").isTrue();
        assertThat(store.get(healthy.number()).orElseThrow().escalationLevel()).as("the pothole is not due (72 h)").isZero();

        // Running again changes nothing: the escalated complaint is not due at its new level.
        ReconcileTimers.Result again = reconcile.run();
        assertThat(again.escalated()).isZero();
        assertThat(store.get(missed.number()).orElseThrow().version()).isEqualTo(after.version());
    }

    @Test
    void theDigestGoesToEachCommissionerOnceWithYesterdaysFigures() throws Exception {
        Complaint c = lodge(register(timer), "W02", "POTHOLE");
        lodge(register(timer), "W02", "POTHOLE");
        actions().close(c.number(), ADMIN, "Filled");
        clock.advance(Duration.ofDays(1));

        DailyDigest digest = new DailyDigest(store, directory, Adapters.from(env).notifier(), clock);
        assertThat(digest.send()).isEqualTo(gmc.municipality().commissionerEmails().size());
        assertThat(digest.send()).as("a retried run sends nothing twice").isZero();

        JsonNode email = MotoOutbox.read(HttpClient.newHttpClient(), java.net.URI.create(aws.endpoint())).path("email");
        List<JsonNode> digests = StreamSupport.stream(email.spliterator(), false)
                .filter(m -> m.path("subject").asText().contains("daily digest")).toList();
        assertThat(digests).extracting(m -> m.path("to").asText())
                .containsExactlyInAnyOrderElementsOf(gmc.municipality().commissionerEmails());
        String body = digests.get(0).path("body").asText();
        assertThat(body).contains("Pothole").contains("Ward 2");
        assertThat(body.lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow())
                .matches("Total\\s+2\\s+1\\s+0\\s+0");
    }
}
