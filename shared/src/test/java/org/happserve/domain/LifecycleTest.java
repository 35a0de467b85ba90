package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final Directory GMC = Fixtures.sampleDirectory();
    private static final Messages M = Samples.MESSAGES;
    private static final Instant NOW = Fixtures.NOW;
    private static final Caller ASSIGNEE = officer("ae-elec-w01");
    private static final Caller ABOVE = officer("dee-elec-north");
    private static final Caller OTHER_WARD = officer("ae-elec-w03");
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));
    private static final Caller OPERATOR = new Caller("operator1", Set.of(Caller.Role.OPERATOR));

    private static Caller officer(String id) {
        return new Caller(id, Set.of(Caller.Role.OFFICER));
    }

    private static Complaint open() {
        return Samples.streetLight("GMC-2612-000001").complaint();
    }

    private static Complaint closedAt(Instant at) {
        return Lifecycle.close(GMC, M, open(), ASSIGNEE, "Replaced the lamp", at, 1).after();
    }

    @Test
    void theAssigneeClosesAndTheCitizenIsToldHowToReopen() {
        Transition t = Lifecycle.close(GMC, M, open(), ASSIGNEE, " Replaced the lamp ", NOW, 1);
        Complaint c = t.after();
        assertThat(c.status()).isEqualTo(Status.CLOSED);
        assertThat(c.closedAt()).isEqualTo(NOW);
        assertThat(c.resolution()).isEqualTo("Replaced the lamp");
        assertThat(c.reopenableUntil()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(c.version()).isEqualTo(t.before().version() + 1);
        assertThat(t.timeline()).extracting(TimelineEntry::type).containsExactly("CLOSED");
        assertThat(t.notifications()).extracting(Notification::template, Notification::medium, Notification::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CITIZEN_CLOSED", Notification.Medium.SMS, Samples.MOBILE),
                        org.assertj.core.groups.Tuple.tuple("CITIZEN_CLOSED", Notification.Medium.EMAIL, Samples.EMAIL));
        assertThat(t.notifications().get(0).body()).contains("GMC-2612-000001").contains("Replaced the lamp")
                .contains("06-Dec-2026 10:00").contains(GMC.municipality().callCentre());
    }

    @Test
    void officersAboveInTheChainAndAdminsMayCloseOthersMayNot() {
        assertThat(Lifecycle.close(GMC, M, open(), ABOVE, "done", NOW, 1).after().status()).isEqualTo(Status.CLOSED);
        assertThat(Lifecycle.close(GMC, M, open(), officer("dmc"), "done", NOW, 1).after().status()).isEqualTo(Status.CLOSED);
        assertThat(Lifecycle.close(GMC, M, open(), ADMIN, "done", NOW, 1).after().status()).isEqualTo(Status.CLOSED);
        for (Caller c : new Caller[] {OTHER_WARD, OPERATOR, officer("ae-eng-w01"), Caller.ANONYMOUS}) {
            assertThatThrownBy(() -> Lifecycle.close(GMC, M, open(), c, "done", NOW, 1))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        }
        // After an escalation the level-0 officer is below the chain.
        Complaint escalated = Lifecycle.escalate(GMC, M, open(), NOW.plus(Duration.ofDays(2)), 1).after();
        assertThatThrownBy(() -> Lifecycle.close(GMC, M, escalated, ASSIGNEE, "done", NOW, 1)).isInstanceOf(Refusal.class);
    }

    @Test
    void closingAClosedComplaintIsAConflictAndBlankResolutionsAreRefused() {
        assertThatThrownBy(() -> Lifecycle.close(GMC, M, closedAt(NOW), ASSIGNEE, "again", NOW, 1))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
        assertThatThrownBy(() -> Lifecycle.close(GMC, M, open(), ASSIGNEE, "  ", NOW, 1))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("resolution"));
        assertThatThrownBy(() -> Lifecycle.close(GMC, M, open(), ASSIGNEE, "x".repeat(Lifecycle.TEXT_MAX + 1), NOW, 1))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void reopeningEscalatesOneLevelWithAFreshSla() {
        Complaint closed = closedAt(NOW);
        Instant later = NOW.plus(Duration.ofDays(1));
        Transition t = Lifecycle.reopen(GMC, M, closed, Caller.ANONYMOUS, "Lamp is off again", later, 1);
        Complaint c = t.after();
        assertThat(c.status()).isEqualTo(Status.OPEN);
        assertThat(c.reopenCount()).isEqualTo(1);
        assertThat(c.escalationLevel()).isEqualTo(1);
        assertThat(c.assignee().officerId()).isEqualTo("dee-elec-north");
        assertThat(c.dueAt()).isEqualTo(later.plus(GMC.category("STREET_LIGHT").orElseThrow().slaAt(1, 1)));
        assertThat(c.closedAt()).isNull();
        assertThat(c.reopenableUntil()).isNull();
        assertThat(t.timeline()).extracting(TimelineEntry::type).containsExactly("REOPENED", "ASSIGNED");
        assertThat(t.notifications()).extracting(Notification::template).containsExactly("OFFICER_REOPENED", "CITIZEN_REOPENED");
        assertThat(t.notifications().get(0).to()).isEqualTo(GMC.officer("dee-elec-north").orElseThrow().mobile());
    }

    @Test
    void theReopenWindowEndsToTheSecond() {
        Complaint closed = closedAt(NOW);
        Instant edge = NOW.plus(Duration.ofDays(3));
        assertThat(Lifecycle.reopen(GMC, M, closed, Caller.ANONYMOUS, "still broken", edge, 1).after().status())
                .isEqualTo(Status.OPEN);
        assertThatThrownBy(() -> Lifecycle.reopen(GMC, M, closed, Caller.ANONYMOUS, "still broken", edge.plusSeconds(1), 1))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                    assertThat(r.getMessage()).contains(Times.iso(edge));
                });
    }

    @Test
    void theTimeScaleShortensTheWindow() {
        Complaint closed = Lifecycle.close(GMC, M, open(), ASSIGNEE, "done", NOW, 3600).after();
        assertThat(closed.reopenableUntil()).isEqualTo(NOW.plus(Duration.ofSeconds(72)));
    }

    @Test
    void onlyCitizensOperatorsAndAdminsReopenAndOnlyClosedComplaints() {
        Complaint closed = closedAt(NOW);
        assertThat(Lifecycle.reopen(GMC, M, closed, OPERATOR, "caller insists", NOW, 1).after().reopenCount()).isEqualTo(1);
        assertThatThrownBy(() -> Lifecycle.reopen(GMC, M, closed, ASSIGNEE, "x", NOW, 1))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> Lifecycle.reopen(GMC, M, open(), Caller.ANONYMOUS, "x", NOW, 1))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
    }

    /** Reopening climbs one level each time and never past the top. */
    @Property
    void reopenLevelsAreCappedAtTheTop(@ForAll @IntRange(min = 1, max = 8) int reopens) {
        Complaint c = open();
        Instant t = NOW;
        for (int i = 0; i < reopens; i++) {
            c = Lifecycle.close(GMC, M, c, ADMIN, "done", t, 1).after();
            t = t.plusSeconds(60);
            c = Lifecycle.reopen(GMC, M, c, Caller.ANONYMOUS, "again", t, 1).after();
        }
        assertThat(c.escalationLevel()).isEqualTo(Math.min(reopens, GMC.topLevel()));
        assertThat(c.reopenCount()).isEqualTo(reopens);
        assertThat(c.assignee().officerId())
                .isEqualTo(GMC.officerFor(c.ward(), c.department(), c.escalationLevel()).id());
    }

    @Test
    void notesAreInternalAndStaffOnly() {
        Transition t = Lifecycle.note(open(), ASSIGNEE, "Called the complainant; site visit tomorrow", NOW);
        assertThat(t.timeline()).singleElement().satisfies(e -> {
            assertThat(e.internal()).isTrue();
            assertThat(e.actor()).isEqualTo("officer:ae-elec-w01");
        });
        assertThat(t.notifications()).isEmpty();
        assertThatThrownBy(() -> Lifecycle.note(open(), Caller.ANONYMOUS, "hi", NOW)).isInstanceOf(Refusal.class);
    }

    @Test
    void reassignmentReroutesRecomputesTheSlaAndTellsBothOfficers() {
        Instant later = NOW.plus(Duration.ofHours(5));
        Transition t = Lifecycle.reassign(GMC, M, open(), OPERATOR, "W05", "POTHOLE", "caller gave the wrong ward", later, 1);
        Complaint c = t.after();
        assertThat(c.ward()).isEqualTo("W05");
        assertThat(c.category()).isEqualTo("POTHOLE");
        assertThat(c.department()).isEqualTo("ENG");
        assertThat(c.assignee().officerId()).isEqualTo(GMC.officerFor("W05", "ENG", 0).id());
        assertThat(c.dueAt()).isEqualTo(later.plus(GMC.category("POTHOLE").orElseThrow().slaAt(0, 1)));
        assertThat(t.notifications()).extracting(Notification::template).containsExactly("OFFICER_ASSIGNED", "OFFICER_TRANSFERRED");
        assertThat(t.notifications()).extracting(Notification::to).containsExactly(
                GMC.officerFor("W05", "ENG", 0).mobile(), GMC.officer("ae-elec-w01").orElseThrow().mobile());
        assertThatThrownBy(() -> Lifecycle.reassign(GMC, M, open(), ASSIGNEE, "W05", null, "x", later, 1))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> Lifecycle.reassign(GMC, M, open(), OPERATOR, "W99", null, "x", later, 1))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("ward"));
        assertThatThrownBy(() -> Lifecycle.reassign(GMC, M, closedAt(NOW), OPERATOR, "W05", null, "x", later, 1))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
    }

    @Test
    void escalationClimbsToTheTopAndThenReminds() {
        Complaint c = open();
        Instant t = NOW;
        for (int level = 1; level <= GMC.topLevel(); level++) {
            t = c.dueAt();
            Transition step = Lifecycle.escalate(GMC, M, c, t, 1);
            c = step.after();
            assertThat(c.escalationLevel()).isEqualTo(level);
            assertThat(c.assignee().officerId()).isEqualTo(GMC.officerFor("W01", "ELEC", level).id());
            assertThat(step.notifications()).extracting(Notification::template)
                    .containsExactly("OFFICER_ESCALATED", "OFFICER_ESCALATED", "OFFICER_ESCALATED_AWAY");
        }
        Transition reminder = Lifecycle.escalate(GMC, M, c, c.dueAt(), 1);
        assertThat(reminder.after().escalationLevel()).isEqualTo(GMC.topLevel());
        assertThat(reminder.after().dueAt()).isAfter(c.dueAt());
        assertThat(reminder.timeline()).extracting(TimelineEntry::type).containsExactly("REMINDER");
        assertThat(reminder.notifications()).extracting(Notification::template).containsExactly("OFFICER_REMINDER");
    }
}
