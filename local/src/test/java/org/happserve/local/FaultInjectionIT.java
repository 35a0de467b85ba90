package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.happserve.app.ComplaintActions;
import org.happserve.app.ComplaintServices;
import org.happserve.app.DirectorySource;
import org.happserve.app.NotificationDispatcher;
import org.happserve.app.ReconcileTimers;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.AwsClients;
import org.happserve.aws.DynamoComplaintStore;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.aws.SnsSesNotifier;
import org.happserve.aws.StepFunctionsSlaTimer;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Messages;
import org.happserve.domain.Notification;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.Status;
import org.happserve.ports.ComplaintStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Injected faults at each step of register, close, reopen and escalate: the SDK clients carry an
 * {@link ExecutionInterceptor} that fails the next call of a chosen operation (DynamoDB
 * TransactWriteItems throttled or timed out, SNS Publish, SES SendEmail, Step Functions
 * StartExecution/StopExecution). Each operation completes or fails cleanly; a failed one is retried
 * and then happens exactly once; a failed send stays PENDING with its error and the retry job sends
 * it; a missing timer is restored by the reconciliation. The faults × steps are printed.
 */
@ExtendWith(TestAws.Extension.class)
class FaultInjectionIT {
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private static final List<String> SURVIVED = new ArrayList<>();

    /** Fails the next {@code n} calls of an operation ("DynamoDB.TransactWriteItems", "SNS.Publish", …). */
    static final class Faults implements ExecutionInterceptor {
        private final Map<String, AtomicInteger> armed = new ConcurrentHashMap<>();
        private final Map<String, Supplier<RuntimeException>> kinds = new ConcurrentHashMap<>();

        void arm(String operation, int times, Supplier<RuntimeException> fault) {
            String op = operation.substring(operation.indexOf('.') + 1);
            armed.put(op, new AtomicInteger(times));
            kinds.put(op, fault);
        }

        void disarm() {
            armed.clear();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            AtomicInteger left = armed.get(op);
            if (left != null && left.getAndDecrement() > 0) throw kinds.get(op).get();
        }
    }

    static RuntimeException throttled() {
        return DynamoDbException.builder().statusCode(400).message("injected: rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("injected").build()).build();
    }

    static RuntimeException timeout() {
        return SdkClientException.create("injected: Unable to execute HTTP request: Read timed out");
    }

    private final Faults faults = new Faults();
    private MovableClock clock;
    private ComplaintStore store;
    private RegisterComplaints register;
    private ComplaintActions actions;
    private NotificationDispatcher dispatcher;
    private ReconcileTimers reconcile;
    private StepFunctionsSlaTimer timer;

    private void wire(TestAws aws) throws Exception {
        Map<String, String> env = aws.freshStack();
        AwsClients clients = aws.clients();
        DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        SnsClient sns = clients.configure(SnsClient.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        SesV2Client ses = clients.configure(SesV2Client.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        SfnClient sfn = clients.configure(SfnClient.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        new DynamoDirectoryStore(dynamo, env.get("TABLE_NAME"))
                .save(DirectoryJson.parse(Files.readString(RepoRoot.find().resolve("config/gmc.json"))));
        clock = new MovableClock();
        store = new DynamoComplaintStore(dynamo, env.get("TABLE_NAME"));
        DirectorySource directory = new DirectorySource(new DynamoDirectoryStore(dynamo, env.get("TABLE_NAME")), clock);
        dispatcher = new NotificationDispatcher(store, new SnsSesNotifier(sns, ses, env.get("EMAIL_FROM")), directory, clock);
        timer = new StepFunctionsSlaTimer(sfn, env.get("SLA_STATE_MACHINE_ARN"));
        ComplaintServices services = new ComplaintServices(store, directory, Messages.load(), dispatcher, timer, clock, 1);
        register = new RegisterComplaints(services);
        actions = new ComplaintActions(services);
        reconcile = new ReconcileTimers(store, actions, timer, clock, 1);
    }

    private RegisterComplaints.Request request(String mobile, String key) {
        return new RegisterComplaints.Request(ADMIN, Channel.CALL_CENTRE,
                new CitizenInput("Fault Citizen", mobile, "fault@example.org", null),
                List.of(new ComplaintInput("W01", "STREET_LIGHT", "Light off (fault test)", null, null, null)), "complaints", key);
    }

    private int complaintsOf(String mobile) {
        return store.search(new ComplaintStore.Query("+91" + mobile, null, null, null, null), null, 50).items().size();
    }

    private List<Notification> notifications(String number) {
        return store.find(number).orElseThrow().notifications();
    }

    /** No message lost: every one is PENDING (with its error) or SENT; after the retry job runs, all are SENT. */
    private void assertPendingThenSent(String number, String step) {
        List<Notification> before = notifications(number);
        assertThat(before).as(step + ": messages recorded").isNotEmpty();
        assertThat(before).filteredOn(n -> n.state() == Notification.State.PENDING).as(step + ": the failed send is PENDING")
                .isNotEmpty().allMatch(n -> n.lastError() != null);
        clock.advance(Duration.ofMinutes(5));
        dispatcher.retryDue();
        assertThat(notifications(number)).as(step + ": the retry job sent it").allMatch(n -> n.state() == Notification.State.SENT);
    }

    private String registered(String mobile) {
        return register.register(request(mobile, "k-" + mobile)).get(0).number();
    }

    private static void survived(String fault, String step) {
        SURVIVED.add(fault + " @ " + step);
    }

    @Test
    void registration(TestAws aws) throws Exception {
        wire(aws);
        int m = 0;
        for (var fault : List.<Map.Entry<String, Supplier<RuntimeException>>>of(Map.entry("throttled", FaultInjectionIT::throttled),
                Map.entry("timeout", FaultInjectionIT::timeout))) {
            String mobile = "96000000" + String.format("%02d", m++);
            faults.arm("DynamoDB.TransactWriteItems", 1000, fault.getValue());
            assertThatThrownBy(() -> register.register(request(mobile, "k-" + mobile))).isInstanceOf(RuntimeException.class);
        faults.disarm();
            assertThat(complaintsOf(mobile)).as("nothing half-written").isZero();
            // The client retries with the same Idempotency-Key: exactly one complaint.
            String n = registered(mobile);
            assertThat(registered(mobile)).isEqualTo(n);
            assertThat(complaintsOf(mobile)).isEqualTo(1);
            assertThat(timer.isRunning(n, 0)).isTrue();
            survived("DynamoDB TransactWriteItems " + fault.getKey(), "register");
        }
        for (String op : List.of("SNS.Publish", "SesV2.SendEmail")) {
            String mobile = "96000001" + String.format("%02d", m++);
            faults.arm(op, 1, FaultInjectionIT::timeout);
            String n = registered(mobile);
            assertThat(complaintsOf(mobile)).isEqualTo(1);
            assertPendingThenSent(n, "register/" + op);
            survived(op + " failure", "register");
        }
        String mobile = "9600000299";
        faults.arm("SFN.StartExecution", 1, FaultInjectionIT::timeout);
        String n = registered(mobile);
        assertThat(timer.isRunning(n, 0)).as("the timer did not start").isFalse();
        clock.advance(Duration.ofDays(8)); // past the SLA and the grace period
        reconcile.run();
        Complaint c = store.get(n).orElseThrow();
        assertThat(c.escalationLevel()).as("the missed escalation happened").isEqualTo(1);
        assertThat(timer.isRunning(n, 0)).as("the reconciliation restored the timer").isTrue();
        survived("SFN StartExecution failure", "register");
    }

    @Test
    void closeReopenAndEscalate(TestAws aws) throws Exception {
        wire(aws);
        // Close: a failed write leaves it open; the retry closes it once.
        String a = registered("9600001001");
        faults.arm("DynamoDB.TransactWriteItems", 1000, FaultInjectionIT::throttled);
        assertThatThrownBy(() -> actions.close(a, ADMIN, "fixed")).isInstanceOf(RuntimeException.class);
        faults.disarm();
        assertThat(store.get(a).orElseThrow().status()).isEqualTo(Status.OPEN);
        assertThat(timer.isRunning(a, 0)).as("the timer still runs for the open complaint").isTrue();
        actions.close(a, ADMIN, "fixed");
        assertThat(store.find(a).orElseThrow().timeline()).filteredOn(e -> e.type().equals("CLOSED")).hasSize(1);
        assertThat(timer.isRunning(a, 0)).isFalse();
        survived("DynamoDB TransactWriteItems throttled", "close");

        String b = registered("9600001002");
        dispatcher.retryDue();
        faults.arm("SNS.Publish", 1, FaultInjectionIT::timeout);
        actions.close(b, ADMIN, "fixed");
        assertPendingThenSent(b, "close/SNS");
        survived("SNS.Publish failure", "close");

        String s = registered("9600001003");
        faults.arm("SFN.StopExecution", 1, FaultInjectionIT::timeout);
        actions.close(s, ADMIN, "fixed");
        assertThat(store.get(s).orElseThrow().status()).as("the close stands").isEqualTo(Status.CLOSED);
        // The stale timer, when it fires, changes nothing: the complaint is closed.
        clock.advance(Duration.ofDays(8));
        assertThat(actions.escalateIfDue(s).orElseThrow().escalationLevel()).isZero();
        survived("SFN StopExecution failure", "close");

        // Reopen: a failed write leaves it closed; the retry reopens it once.
        String r = registered("9600001004");
        actions.close(r, ADMIN, "fixed");
        faults.arm("DynamoDB.TransactWriteItems", 1000, FaultInjectionIT::timeout);
        assertThatThrownBy(() -> actions.reopen(r, ADMIN, null, "again")).isInstanceOf(RuntimeException.class);
        faults.disarm();
        assertThat(store.get(r).orElseThrow().status()).isEqualTo(Status.CLOSED);
        Complaint reopened = actions.reopen(r, ADMIN, null, "again");
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(timer.isRunning(r, 1)).isTrue();
        survived("DynamoDB TransactWriteItems timeout", "reopen");

        String t = registered("9600001005");
        actions.close(t, ADMIN, "fixed");
        faults.arm("SFN.StartExecution", 1, FaultInjectionIT::throttled);
        Complaint noTimer = actions.reopen(t, ADMIN, null, "again");
        assertThat(timer.isRunning(t, 1)).isFalse();
        clock.advance(Duration.ofDays(8));
        reconcile.run();
        assertThat(timer.isRunning(t, 1)).as("restored by the reconciliation").isTrue();
        assertThat(store.get(t).orElseThrow().escalationLevel()).isGreaterThan(noTimer.escalationLevel());
        survived("SFN StartExecution failure", "reopen");

        String u = registered("9600001006");
        actions.close(u, ADMIN, "fixed");
        dispatcher.retryDue();
        faults.arm("SNS.Publish", 1, FaultInjectionIT::timeout);
        actions.reopen(u, ADMIN, null, "again");
        assertPendingThenSent(u, "reopen/SNS");
        survived("SNS.Publish failure", "reopen");

        // Escalate: a failed write leaves the level; the timer's retry escalates once.
        String e = registered("9600001007");
        clock.advance(Duration.ofDays(8));
        faults.arm("DynamoDB.TransactWriteItems", 1000, FaultInjectionIT::throttled);
        assertThatThrownBy(() -> actions.escalateIfDue(e)).isInstanceOf(RuntimeException.class);
        faults.disarm();
        assertThat(store.get(e).orElseThrow().escalationLevel()).isZero();
        assertThat(actions.escalateIfDue(e).orElseThrow().escalationLevel()).isEqualTo(1);
        assertThat(actions.escalateIfDue(e).orElseThrow().escalationLevel()).as("a duplicate call changes nothing").isEqualTo(1);
        survived("DynamoDB TransactWriteItems throttled", "escalate");

        for (String op : List.of("SNS.Publish", "SesV2.SendEmail")) {
            String f = registered("960000101" + (op.startsWith("SNS") ? "0" : "1"));
            dispatcher.retryDue();
            clock.advance(Duration.ofDays(8));
            faults.arm(op, 1, FaultInjectionIT::timeout);
            assertThat(actions.escalateIfDue(f).orElseThrow().escalationLevel()).isEqualTo(1);
            assertPendingThenSent(f, "escalate/" + op);
            survived(op + " failure", "escalate");
        }
    }

    @AfterAll
    static void report() {
        System.out.println("FaultInjectionIT: " + SURVIVED.size() + " faults x steps survived:\n  " + String.join("\n  ", SURVIVED));
    }
}
