package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.happserve.app.ComplaintActions;
import org.happserve.app.DirectorySource;
import org.happserve.app.RegisterComplaints;
import org.happserve.app.Reports;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.Refusal;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.Status;
import org.happserve.ports.ComplaintStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The report counters, maintained on every transition, equal a recount of the stored complaints. */
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
            clock.advance(Duration.ofHours(10));
        }

        Reports.Summary summary = new Reports(store, directory).summary(firstDay.minusDays(1), firstDay.plusDays(3), null);
        Recount.assertEqual(summary, Recount.byCategory(store, numbers, gmc.topLevel()), gmc.topLevel());
        assertThat(summary.totals().registered()).isEqualTo(numbers.size());
        assertThat(summary.totals().closed()).isPositive();
        assertThat(summary.totals().reopens()).isPositive();
        assertThat(summary.totals().slaBreaches()).isPositive();
        assertThat(summary.daily().stream().mapToLong(Reports.Day::registered).sum()).isEqualTo(numbers.size());
        // A ward filter keeps only that ward's complaints.
        assertThat(new Reports(store, directory).summary(firstDay.minusDays(1), firstDay.plusDays(3), "W01").totals().registered())
                .isEqualTo(numbers.size() / 2);
    }
}
