package org.happserve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.happserve.app.RegisterComplaints.KeyReusedException;
import org.happserve.app.RegisterComplaints.Request;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.FieldError;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.IdempotencyKeyInUseException;
import org.happserve.ports.ComplaintStore.IdempotencyRecord;
import org.happserve.testing.MockedPorts;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class RegisterComplaintsTest {
    private static final Caller OPERATOR = new Caller("operator1", Set.of(Caller.Role.OPERATOR));
    private static final CitizenInput CITIZEN = new CitizenInput("Asha Patel", "98765 43210", "asha.patel@example.in", null);
    private static final ComplaintInput LIGHT = complaint("W01", "STREET_LIGHT");
    private static final ComplaintInput GARBAGE = complaint("W03", "GARBAGE_NOT_COLLECTED");

    private final MockedPorts ports = new MockedPorts().sequenceFrom(451);
    private final ComplaintStore store = ports.store;
    private final RegisterComplaints register = ports.register();

    private static ComplaintInput complaint(String ward, String category) {
        return new ComplaintInput(ward, category, "Not attended since Monday", null, null, null);
    }

    private static Request intake(String key, CitizenInput citizen, ComplaintInput... complaints) {
        return new Request(OPERATOR, Channel.CALL_CENTRE, citizen, Arrays.asList(complaints), "complaints", key);
    }

    private static Request intake(String key, ComplaintInput... complaints) {
        return intake(key, CITIZEN, complaints);
    }

    private static List<String> numbers(List<Complaint> complaints) {
        return complaints.stream().map(Complaint::number).toList();
    }

    private List<FieldError> rejected(Request request) {
        return catchThrowableOfType(ValidationException.class, () -> register.register(request)).errors();
    }

    /** The idempotency record the store was asked to keep with the complaints. */
    private IdempotencyRecord keptRecord() {
        ArgumentCaptor<IdempotencyRecord> kept = ArgumentCaptor.forClass(IdempotencyRecord.class);
        verify(store).create(any(), kept.capture());
        return kept.getValue();
    }

    @Test
    void eachComplaintGetsItsOwnNumberFromOneReservedRange() {
        List<Complaint> registered = register.register(intake(null, LIGHT, GARBAGE));
        assertThat(numbers(registered)).containsExactly("GMC-2612-000451", "GMC-2612-000452");
        verify(store).reserveSequence("ack#GMC#2026-12", 2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-11-30T18:29:59.999Z, GMC-2611-000451, ack#GMC#2026-11",
            "2026-11-30T18:30:00Z,     GMC-2612-000451, ack#GMC#2026-12",
            "2026-12-31T18:30:00Z,     GMC-2701-000451, ack#GMC#2027-01"})
    void theMonthIsTheMonthInGandhinagar(Instant now, String number, String counter) {
        MockedPorts at = new MockedPorts(Clock.fixed(now, ZoneOffset.UTC)).sequenceFrom(451);
        assertThat(numbers(at.register().register(intake(null, LIGHT)))).containsExactly(number);
        verify(at.store).reserveSequence(counter, 1);
    }

    @Test
    void everythingIsWrittenTogetherBeforeAnyMessageIsSent() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<NewComplaint>> written = ArgumentCaptor.forClass(List.class);
        List<Complaint> registered = register.register(intake(null, LIGHT, GARBAGE));

        InOrder order = inOrder(store, ports.notifier);
        order.verify(store).create(written.capture(), eq(null));
        order.verify(ports.notifier, times(6)).send(any(), any());
        assertThat(written.getValue()).extracting(NewComplaint::complaint).isEqualTo(registered);
        assertThat(written.getValue()).allSatisfy(c -> {
            assertThat(c.timeline()).hasSize(2);
            assertThat(c.notifications()).hasSize(3);
        });
        assertThat(registered).extracting(Complaint::channel, Complaint::registeredBy, c -> c.assignee().officerId())
                .containsExactly(tuple(Channel.CALL_CENTRE, "operator:operator1", "ae-elec-w01"),
                        tuple(Channel.CALL_CENTRE, "operator:operator1", "si-swm-w03"));
    }

    @Test
    void aFailedSmsDoesNotFailTheRegistration() {
        when(ports.notifier.send(any(), any())).thenThrow(new IllegalStateException("SNS unreachable"));
        assertThat(register.register(intake(null, LIGHT))).hasSize(1);
        verify(store, times(3)).updateNotification(any(), argThat(read -> read.attempts() == 0));
    }

    @Test
    void oneInvalidComplaintRejectsTheWholeIntakeAndWritesNothing() {
        List<FieldError> errors = rejected(intake(null, LIGHT, complaint("W99", "STREET_LIGHT")));
        assertThat(errors).extracting(FieldError::field).containsExactly("complaints[1].ward");
        verifyNoInteractions(store, ports.notifier);
    }

    @Test
    void everyProblemOfTheRequestIsReportedAtOnce() {
        CitizenInput noMobile = new CitizenInput("Asha Patel", null, null, null);
        List<FieldError> errors = rejected(intake(null, noMobile, complaint("W01", "NOPE"), complaint(null, "POTHOLE")));
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("citizen.mobile", "complaints[0].category", "complaints[1].ward");
    }

    @Test
    void aSingleComplaintNamesItsFieldsAtTheTopLevel() {
        Request web = new Request(Caller.ANONYMOUS, Channel.WEB, CITIZEN, List.of(complaint("W99", "STREET_LIGHT")), "", null);
        assertThat(rejected(web)).extracting(FieldError::field).containsExactly("ward");
    }

    @Test
    void anIntakeListsOneToTenComplaints() {
        assertThat(rejected(intake(null))).containsExactly(
                new FieldError("complaints", "must list at least one complaint"));
        ComplaintInput[] eleven = Collections.nCopies(11, LIGHT).toArray(ComplaintInput[]::new);
        assertThat(rejected(intake(null, eleven))).containsExactly(
                new FieldError("complaints", "at most 10 complaints per intake"));
        verifyNoInteractions(store);
    }

    @Test
    void aRetryWithTheSameKeyAnswersWhatWasStoredWithoutWritingAgain() {
        List<Complaint> first = register.register(intake("cc-0007", LIGHT, GARBAGE));
        IdempotencyRecord kept = keptRecord();
        assertThat(kept.key()).isEqualTo("cc-0007");
        assertThat(kept.numbers()).isEqualTo(numbers(first));
        when(store.idempotency("cc-0007")).thenReturn(Optional.of(kept));
        when(store.findAll(kept.numbers())).thenReturn(first);

        // The retry types the citizen differently: the same request all the same.
        CitizenInput retyped = new CitizenInput(" Asha Patel", "+919876543210", "asha.patel@example.in", "en");
        assertThat(register.register(intake("cc-0007", retyped, LIGHT, GARBAGE))).isSameAs(first);

        verify(store, times(1)).reserveSequence(any(), anyInt());
        verify(store, times(1)).create(any(), any());
        verify(ports.notifier, times(6)).send(any(), any()); // the first request's messages only
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        register.register(intake("cc-0007", LIGHT, GARBAGE));
        IdempotencyRecord kept = keptRecord();
        when(store.idempotency("cc-0007")).thenReturn(Optional.of(kept));

        assertThat(catchThrowableOfType(KeyReusedException.class,
                () -> register.register(intake("cc-0007", LIGHT, complaint("W03", "STRAY_CATTLE"))))).isNotNull();
        verify(store, times(1)).create(any(), any());
        verify(store, never()).findAll(any());
    }

    @Test
    void losingARaceOnTheKeyAnswersWhatTheWinnerRegistered() {
        List<String> winnersNumbers = List.of("GMC-2612-000449", "GMC-2612-000450");
        AtomicReference<IdempotencyRecord> winners = new AtomicReference<>();
        doAnswer(call -> {
            IdempotencyRecord mine = call.getArgument(1);
            winners.set(new IdempotencyRecord(mine.key(), mine.requestHash(), winnersNumbers, mine.createdAt()));
            throw new IdempotencyKeyInUseException(mine.key());
        }).when(store).create(any(), any());
        when(store.idempotency("cc-0007")).thenReturn(Optional.empty()).thenAnswer(call -> Optional.of(winners.get()));
        List<Complaint> theirs = winnersNumbers.stream().map(n -> Samples.streetLight(n).complaint()).toList();
        when(store.findAll(winnersNumbers)).thenReturn(theirs);

        assertThat(register.register(intake("cc-0007", LIGHT, GARBAGE))).isSameAs(theirs);
        verifyNoInteractions(ports.notifier); // the winner sends the messages, once
    }

    @Test
    void aKeyInUseThatCannotBeReadBackIsRethrown() {
        doAnswer(call -> {
            throw new IdempotencyKeyInUseException("cc-0007");
        }).when(store).create(any(), any());
        when(store.idempotency("cc-0007")).thenReturn(Optional.empty());

        assertThat(catchThrowableOfType(IdempotencyKeyInUseException.class,
                () -> register.register(intake("cc-0007", LIGHT)))).hasMessageContaining("cc-0007");
        verifyNoInteractions(ports.notifier);
    }
}
