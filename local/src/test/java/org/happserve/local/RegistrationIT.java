package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.happserve.app.ComplaintServices;
import org.happserve.app.DirectorySource;
import org.happserve.app.NotificationDispatcher;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.Adapters;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoComplaintStore;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.aws.SnsSesNotifier;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Messages;
import org.happserve.domain.Notification;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.Status;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registration through the real adapters against moto: numbering, all-or-nothing, idempotency, search, retries. */
@ExtendWith(TestAws.Extension.class)
class RegistrationIT {
    private static final Caller OPERATOR = new Caller("operator1", Set.of(Caller.Role.OPERATOR));
    private static Map<String, String> env;
    private static AwsClients aws;
    private static DynamoComplaintStore store;

    @BeforeAll
    static void stack(TestAws testAws) throws Exception {
        env = testAws.freshStack();
        aws = testAws.clients();
        var dynamo = aws.dynamo();
        new DynamoDirectoryStore(dynamo, env.get("TABLE_NAME"))
                .save(DirectoryJson.parse(Files.readString(RepoRoot.find().resolve("config/gmc.json"))));
        store = new DynamoComplaintStore(dynamo, env.get("TABLE_NAME"));
    }

    private static RegisterComplaints register(Clock clock, AwsClients snsVia) {
        DirectorySource directory = new DirectorySource(new DynamoDirectoryStore(aws.dynamo(), env.get("TABLE_NAME")), clock);
        NotificationDispatcher dispatcher = new NotificationDispatcher(store,
                new SnsSesNotifier(snsVia.sns(), aws.ses(), env.get("EMAIL_FROM")), directory, clock);
        return new RegisterComplaints(new ComplaintServices(store, directory, Messages.load(), dispatcher,
                Adapters.from(env).slaTimer(), clock, 1));
    }

    private static RegisterComplaints.Request intake(String mobile, String key, ComplaintInput... complaints) {
        return new RegisterComplaints.Request(OPERATOR, Channel.CALL_CENTRE,
                new CitizenInput("Asha Desai", mobile, null, null), List.of(complaints), "complaints", key);
    }

    private static ComplaintInput complaint(String ward, String category) {
        return new ComplaintInput(ward, category, "Reported by a caller", null, null, null);
    }

    @Test
    void twoHundredConcurrentRegistrationsGetDistinctNumbers() throws Exception {
        RegisterComplaints register = register(Clock.systemUTC(), aws);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<Complaint>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String mobile = String.format("97%08d", i);
                results.add(pool.submit(() -> register.register(intake(mobile, null, complaint("W03", "POTHOLE")))));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<List<Complaint>> f : results) numbers.add(f.get().get(0).number());
            assertThat(numbers).hasSize(200).allMatch(n -> n.matches("GMC-\\d{4}-\\d{6}"));
            // Every one was really written, with its timeline and messages.
            var sample = store.find(numbers.iterator().next()).orElseThrow();
            assertThat(sample.timeline()).hasSize(2);
            assertThat(sample.notifications()).extracting(Notification::state).containsOnly(Notification.State.SENT);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInvalidComplaintRefusesTheWholeIntakeAndWritesNothing() {
        RegisterComplaints register = register(Clock.systemUTC(), aws);
        String mobile = "9600000001";
        assertThatThrownBy(() -> register.register(intake(mobile, null, complaint("W01", "POTHOLE"),
                complaint("W99", "POTHOLE"))))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.errors()).extracting(x -> x.field()).containsExactly("complaints[1].ward"));
        assertThat(store.search(new Query("+91" + mobile, null, null, null, null), null, 10).items()).isEmpty();
    }

    @Test
    void aRetriedRequestReturnsTheSameComplaintsAndAReusedKeyIsRefused() throws Exception {
        RegisterComplaints register = register(Clock.systemUTC(), aws);
        var request = intake("9600000002", "retry-key-1", complaint("W01", "STREET_LIGHT"), complaint("W01", "POTHOLE"));
        // Concurrent retries of one request: one registration, every caller gets its numbers.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Complaint>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) attempts.add(pool.submit(() -> register.register(request)));
        Set<List<String>> answers = new HashSet<>();
        for (var a : attempts) answers.add(a.get().stream().map(Complaint::number).toList());
        pool.shutdown();
        assertThat(answers).hasSize(1);
        assertThat(answers.iterator().next()).hasSize(2);
        assertThat(store.search(new Query("+919600000002", null, null, null, null), null, 10).items()).hasSize(2);

        var different = intake("9600000002", "retry-key-1", complaint("W01", "STREET_LIGHT"));
        assertThatThrownBy(() -> register.register(different)).isInstanceOf(RegisterComplaints.KeyReusedException.class);
    }

    @Test
    void searchPagesThroughIndexesWithFiltersAndRejectsForeignCursors() {
        RegisterComplaints register = register(Clock.systemUTC(), aws);
        String mobile = "9600000003";
        for (int i = 0; i < 5; i++) register.register(intake(mobile, null, complaint("W05", i % 2 == 0 ? "POTHOLE" : "STREET_LIGHT")));
        Query byMobile = new Query("+91" + mobile, null, null, null, null);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = store.search(byMobile, cursor, 2);
            page.items().forEach(c -> seen.add(c.number()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
        // Newest first.
        assertThat(seen).isSortedAccordingTo((a, b) -> b.compareTo(a));

        var potholes = store.search(new Query("+91" + mobile, Status.OPEN, "W05", "POTHOLE", 0), null, 10).items();
        assertThat(potholes).hasSize(3).allMatch(c -> c.category().equals("POTHOLE") && c.ward().equals("W05"));
        assertThat(store.search(new Query(null, null, "W05", "STREET_LIGHT", null), null, 10).items())
                .extracting(Complaint::category).containsOnly("STREET_LIGHT");
        assertThat(store.search(new Query(null, null, null, null, 1), null, 10).items()).isEmpty();
        // With no filter the status index is read: OPEN complaints are found.
        assertThat(store.search(new Query(null, null, null, null, null), null, 3).items()).hasSize(3);

        String fromAnotherQuery = store.search(byMobile, null, 2).nextCursor();
        assertThatThrownBy(() -> store.search(new Query(null, null, "W05", null, null), fromAnotherQuery, 2))
                .isInstanceOf(ComplaintStore.InvalidCursorException.class);
        assertThatThrownBy(() -> store.search(byMobile, "not-a-cursor", 2))
                .isInstanceOf(ComplaintStore.InvalidCursorException.class);
    }

    @Test
    void aFailedSmsIsRecordedAndResentByTheRetryJob() {
        MovableClock clock = new MovableClock();
        // SNS unreachable for the first attempt: the registration must still succeed.
        AwsClients deadSns = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "ap-south-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        Complaint c = register(clock, deadSns).register(intake("9600000004", null, complaint("W02", "DRAINAGE_OVERFLOW"))).get(0);
        var sms = store.find(c.number()).orElseThrow().notifications();
        assertThat(sms).hasSize(2).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(Notification.State.PENDING);
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.lastError()).isNotBlank();
        });

        clock.advance(Duration.ofMinutes(2));
        DirectorySource directory = new DirectorySource(new DynamoDirectoryStore(aws.dynamo(), env.get("TABLE_NAME")), clock);
        NotificationDispatcher retry = new NotificationDispatcher(store,
                new SnsSesNotifier(aws.sns(), aws.ses(), env.get("EMAIL_FROM")), directory, clock);
        assertThat(retry.retryDue()).isGreaterThanOrEqualTo(2);
        assertThat(store.find(c.number()).orElseThrow().notifications())
                .allSatisfy(n -> {
                    assertThat(n.state()).isEqualTo(Notification.State.SENT);
                    assertThat(n.attempts()).isEqualTo(2);
                });
        // A second run finds nothing left to send for this complaint.
        assertThat(store.duePending(clock.instant(), 100)).noneMatch(n -> n.number().equals(c.number()));
    }
}
