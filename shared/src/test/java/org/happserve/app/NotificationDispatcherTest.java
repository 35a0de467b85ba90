package org.happserve.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.happserve.domain.Municipality;
import org.happserve.domain.Notification;
import org.happserve.domain.Notification.State;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.Notifier;
import org.happserve.testing.Fixtures;
import org.happserve.testing.MockedPorts;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class NotificationDispatcherTest {
    private static final Municipality GMC = Fixtures.sampleDirectory().municipality();

    private final MockedPorts ports = new MockedPorts();
    private final ComplaintStore store = ports.store;
    private final Notifier notifier = ports.notifier;
    private final NotificationDispatcher dispatcher = ports.dispatcher();
    /** Officer SMS, citizen SMS, citizen email. */
    private final List<Notification> owed = Samples.streetLight("GMC-2612-000451").notifications();

    private List<Notification> recordedOutcomes(int expectedAttempts, int count) {
        ArgumentCaptor<Notification> outcome = ArgumentCaptor.forClass(Notification.class);
        verify(store, times(count)).updateNotification(outcome.capture(), argThat(read -> read.attempts() == expectedAttempts));
        return outcome.getAllValues();
    }

    /** A message whose first attempt failed and whose retry is due now. */
    private Notification failedOnce() {
        return owed.get(1).failed(Fixtures.NOW.minus(Duration.ofMinutes(1)), "Throttling: rate exceeded");
    }

    @Test
    void sentMessagesAreRecordedWithTheProviderId() {
        dispatcher.dispatch(owed);
        assertThat(recordedOutcomes(0, 3)).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(State.SENT);
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.sentAt()).isEqualTo(Fixtures.NOW);
            assertThat(n.providerId()).startsWith("provider-msg-");
        });
        owed.forEach(n -> verify(notifier).send(n, GMC));
    }

    @Test
    void aFailingNotifierNeverThrowsAndLeavesTheMessagePendingForARetry() {
        when(notifier.send(any(), any())).thenThrow(new IllegalStateException("SNS unreachable"));
        assertThatCode(() -> dispatcher.dispatch(owed)).doesNotThrowAnyException();
        assertThat(recordedOutcomes(0, 3)).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(State.PENDING);
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.nextAttemptAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(1)));
            assertThat(n.lastError()).isEqualTo("IllegalStateException: SNS unreachable");
        });
    }

    @Test
    void oneFailureDoesNotStopTheOtherMessages() {
        when(notifier.send(eq(owed.get(0)), any())).thenThrow(new IllegalStateException("opted out"));
        dispatcher.dispatch(owed);
        assertThat(recordedOutcomes(0, 3)).extracting(Notification::state)
                .containsExactly(State.PENDING, State.SENT, State.SENT);
    }

    @Test
    void anOutcomeThatCannotBeRecordedIsLeftForTheRetryJob() {
        when(store.updateNotification(any(), any())).thenThrow(new IllegalStateException("DynamoDB throttled"));
        assertThatCode(() -> dispatcher.dispatch(owed)).doesNotThrowAnyException();
        verify(notifier, times(3)).send(any(), any());
    }

    @Test
    void aDueRetryIsLeasedBeforeItIsSent() {
        Notification due = failedOnce();
        when(store.duePending(Fixtures.NOW, 100)).thenReturn(List.of(due));

        assertThat(dispatcher.retryDue()).isEqualTo(1);

        Notification leased = due.leasedUntil(Fixtures.NOW.plus(Notification.LEASE));
        InOrder order = inOrder(store, notifier);
        order.verify(store).updateNotification(leased, due);
        order.verify(notifier).send(leased, GMC);
        order.verify(store).updateNotification(argThat(n -> n.state() == State.SENT && n.attempts() == 2), eq(leased));
    }

    @Test
    void aMessageLeasedByAnotherRunIsNotSentTwice() {
        Notification due = failedOnce();
        when(store.duePending(any(), anyInt())).thenReturn(List.of(due));
        when(store.updateNotification(any(), any())).thenReturn(false);

        assertThat(dispatcher.retryDue()).isZero();
        verify(notifier, never()).send(any(), any());
    }

    @Test
    void onlyMessagesActuallySentAreCounted() {
        Notification stillFailing = failedOnce();
        Notification recovering = owed.get(2).failed(Fixtures.NOW.minusSeconds(60), "MessageRejected");
        when(store.duePending(any(), anyInt())).thenReturn(List.of(stillFailing, recovering));
        when(notifier.send(argThat(n -> n.id().equals(stillFailing.id())), any()))
                .thenThrow(new IllegalStateException("still throttled"));

        assertThat(dispatcher.retryDue()).isEqualTo(1);
        verify(store).updateNotification(argThat(n -> n.id().equals(stillFailing.id()) && n.state() == State.PENDING
                && n.attempts() == 2 && n.nextAttemptAt().equals(Fixtures.NOW.plus(Duration.ofMinutes(2)))),
                argThat(read -> read.attempts() == 1));
    }

    @Test
    void theLastAllowedAttemptGivesUp() {
        Notification n = owed.get(1);
        for (int i = 1; i < Notification.MAX_ATTEMPTS; i++) n = n.failed(Fixtures.NOW.minusSeconds(60), "down");
        when(store.duePending(any(), anyInt())).thenReturn(List.of(n));
        when(notifier.send(any(), any())).thenThrow(new IllegalStateException("down"));

        assertThat(dispatcher.retryDue()).isZero();
        verify(store).updateNotification(argThat(x -> x.state() == State.FAILED
                && x.attempts() == Notification.MAX_ATTEMPTS),
                argThat(read -> read.attempts() == Notification.MAX_ATTEMPTS - 1));
    }
}
