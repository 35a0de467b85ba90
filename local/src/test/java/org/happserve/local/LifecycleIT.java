package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.happserve.app.ComplaintActions;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.Adapters;
import org.happserve.aws.DynamoDirectoryStore;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Refusal;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.Status;
import org.happserve.domain.TimelineEntry;
import org.happserve.ports.ComplaintStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff acting at the same moment, against moto through the real adapters: exactly one consistent
 * outcome, the loser refused, no lost update, and a timeline that matches the final state.
 */
@ExtendWith(TestAws.Extension.class)
class LifecycleIT {
    private static final Caller ASSIGNEE = new Caller("ae-elec-w01", Set.of(Caller.Role.OFFICER));
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private static final Caller OPERATOR = new Caller("operator1", Set.of(Caller.Role.OPERATOR));
    private static Adapters adapters;
    private static ComplaintActions actions;
    private static RegisterComplaints register;
    private static ComplaintStore store;
    private static ExecutorService pool;

    @BeforeAll
    static void stack(TestAws aws) throws Exception {
        Map<String, String> env = aws.freshStack();
        adapters = Adapters.from(env);
        new DynamoDirectoryStore(adapters.dynamo(), env.get("TABLE_NAME"))
                .save(DirectoryJson.parse(Files.readString(RepoRoot.find().resolve("config/gmc.json"))));
        store = adapters.complaintStore();
        actions = new ComplaintActions(adapters.services());
        register = new RegisterComplaints(adapters.services());
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static String streetLight() {
        return register.register(new RegisterComplaints.Request(Caller.ANONYMOUS, Channel.WEB,
                new CitizenInput("Kiran", "9825012345", null, null),
                List.of(new ComplaintInput("W01", "STREET_LIGHT", "Lamp off", null, null, null)), "", null))
                .get(0).number();
    }

    /** Runs both at once; returns each outcome: the complaint, or the refusal. */
    private static List<Object> race(Callable<Complaint> a, Callable<Complaint> b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<Complaint> action : List.of(a, b)) {
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return action.call();
                } catch (Refusal r) {
                    return r;
                }
            }));
        }
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : futures) out.add(f.get());
        return out;
    }

    private static long count(List<Object> outcomes, Class<?> type) {
        return outcomes.stream().filter(type::isInstance).count();
    }

    private static List<String> types(String number) {
        return store.find(number).orElseThrow().timeline().stream().map(TimelineEntry::type).toList();
    }

    @RepeatedTest(5)
    void closeAgainstClose() throws Exception {
        String n = streetLight();
        List<Object> outcomes = race(() -> actions.close(n, ASSIGNEE, "Lamp replaced"), () -> actions.close(n, ADMIN, "Fixed"));
        assertThat(count(outcomes, Complaint.class)).isEqualTo(1);
        assertThat(outcomes).filteredOn(Refusal.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((Refusal) r).kind()).isEqualTo(Refusal.Kind.CONFLICT));
        var record = store.find(n).orElseThrow();
        assertThat(record.complaint().status()).isEqualTo(Status.CLOSED);
        assertThat(record.complaint().version()).isEqualTo(2);
        assertThat(types(n).stream().filter("CLOSED"::equals)).hasSize(1);
        assertThat(record.notifications().stream().filter(x -> x.template().equals("CITIZEN_CLOSED"))).hasSize(1);
        assertThat(adapters.slaTimer().isRunning(n, 0)).as("closing stopped the SLA timer").isFalse();
    }

    @RepeatedTest(5)
    void reopenAgainstReopen() throws Exception {
        String n = streetLight();
        actions.close(n, ASSIGNEE, "Lamp replaced");
        List<Object> outcomes = race(() -> actions.reopen(n, Caller.ANONYMOUS, "9825012345", "Still dark"),
                () -> actions.reopen(n, OPERATOR, null, "Caller says still dark"));
        assertThat(count(outcomes, Complaint.class)).isEqualTo(1);
        Complaint c = store.get(n).orElseThrow();
        assertThat(c.status()).isEqualTo(Status.OPEN);
        assertThat(c.reopenCount()).isEqualTo(1);
        assertThat(c.escalationLevel()).isEqualTo(1);
        assertThat(types(n).stream().filter("REOPENED"::equals)).hasSize(1);
        // The new round has its own timer; the first round's was stopped at the close.
        assertThat(adapters.slaTimer().isRunning(n, 1)).isTrue();
        assertThat(adapters.slaTimer().isRunning(n, 0)).isFalse();
    }

    @RepeatedTest(5)
    void closeAgainstReopenLeavesTheTimelineMatchingTheState() throws Exception {
        String n = streetLight();
        actions.close(n, ASSIGNEE, "Lamp replaced");
        actions.reopen(n, Caller.ANONYMOUS, "9825012345", "Still dark");
        // Now at level 1: the divisional officer closes while the citizen tries to reopen.
        Caller above = new Caller("dee-elec-north", Set.of(Caller.Role.OFFICER));
        List<Object> outcomes = race(() -> actions.close(n, above, "Cable repaired"),
                () -> actions.reopen(n, Caller.ANONYMOUS, "9825012345", "Dark again"));
        Complaint c = store.get(n).orElseThrow();
        List<String> changes = types(n).stream().filter(t -> t.equals("CLOSED") || t.equals("REOPENED")).toList();
        // Each success is one entry and one version; the last change decides the state.
        long successes = count(outcomes, Complaint.class);
        assertThat(changes).hasSize(2 + (int) successes);
        assertThat(c.version()).isEqualTo(3 + successes);
        assertThat(c.status()).isEqualTo(changes.get(changes.size() - 1).equals("CLOSED") ? Status.CLOSED : Status.OPEN);
        outcomes.stream().filter(Refusal.class::isInstance)
                .forEach(r -> assertThat(((Refusal) r).kind()).isEqualTo(Refusal.Kind.CONFLICT));
    }

    @RepeatedTest(5)
    void closeAgainstReassign() throws Exception {
        String n = streetLight();
        List<Object> outcomes = race(() -> actions.close(n, ASSIGNEE, "Lamp replaced"),
                () -> actions.reassign(n, OPERATOR, "W05", null, "Wrong ward at intake"));
        assertThat(count(outcomes, Complaint.class)).isEqualTo(1);
        Complaint c = store.get(n).orElseThrow();
        List<String> types = types(n);
        if (c.status() == Status.CLOSED) {
            assertThat(types).contains("CLOSED").doesNotContain("REASSIGNED");
            assertThat(c.ward()).isEqualTo("W01");
        } else {
            // Reassigned first: the old assignee is no longer in the chain.
            assertThat(types).contains("REASSIGNED").doesNotContain("CLOSED");
            assertThat(c.ward()).isEqualTo("W05");
            assertThat(c.assignee().officerId()).isNotEqualTo(ASSIGNEE.username());
        }
        assertThat(c.version()).isEqualTo(2);
    }
}
