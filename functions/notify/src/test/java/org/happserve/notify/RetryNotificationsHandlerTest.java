package org.happserve.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.happserve.domain.Notification;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.happserve.testing.MockedPorts;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Test;

class RetryNotificationsHandlerTest {
    private static final String SCHEDULE = Fixtures.eventText("scheduler-retry-notifications.json");
    private final MockedPorts ports = new MockedPorts();
    private final RetryNotificationsHandler handler = new RetryNotificationsHandler(ports.dispatcher());

    /** The registration messages of a complaint, each failed once a minute ago: all due now. */
    private final List<Notification> due = Samples.streetLight("GMC-2612-000451").notifications().stream()
            .map(n -> n.failed(Fixtures.NOW.minus(Duration.ofMinutes(1)), "Throttling"))
            .toList();

    @Test
    void answersHowManyMessagesWereSent() {
        when(ports.store.duePending(Fixtures.NOW, 100)).thenReturn(due);
        when(ports.notifier.send(argThat(n -> n.medium() == Notification.Medium.EMAIL), any()))
                .thenThrow(new IllegalStateException("SES throttled"));

        assertThat(Lambda.invoke(handler, SCHEDULE).toString()).isEqualTo("{\"sent\":2}");
        verify(ports.store).updateNotification(argThat(n -> n.medium() == Notification.Medium.EMAIL
                && n.state() == Notification.State.PENDING && n.attempts() == 2), any());
    }

    @Test
    void nothingDueSendsNothing() {
        assertThat(Lambda.invoke(handler, SCHEDULE).path("sent").asInt()).isZero();
        verify(ports.notifier, never()).send(any(), any());
    }

    @Test
    void theSchedulePayloadIsIgnored() {
        when(ports.store.duePending(any(), anyInt())).thenReturn(due);
        assertThat(Lambda.invoke(handler, "{}").path("sent").asInt()).isEqualTo(3);
    }
}
