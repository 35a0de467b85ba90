package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.happserve.domain.Notification.Medium;
import org.happserve.domain.Notification.Recipient;
import org.happserve.domain.Notification.State;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationTest {
    private static final Instant NOW = Fixtures.NOW;

    private static Notification sms() {
        return Notification.pending("GMC-2612-000451", "n1", Medium.SMS, Recipient.CITIZEN, "+919876543210",
                "CITIZEN_REGISTERED", Language.EN, null, "Your complaint ...", NOW);
    }

    private static Notification failedTimes(int times) {
        Notification n = sms();
        for (int i = 0; i < times; i++) n = n.failed(NOW, "Throttling: rate exceeded");
        return n;
    }

    @Test
    void aNewMessageIsPendingAndHeldForItsFirstAttempt() {
        Notification n = sms();
        assertThat(n.state()).isEqualTo(State.PENDING);
        assertThat(n.attempts()).isZero();
        assertThat(n.nextAttemptAt()).isEqualTo(NOW.plus(Notification.LEASE));
    }

    @ParameterizedTest(name = "after {0} failures: retry in {1} min")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 32", "7, 60"})
    void failuresBackOffExponentiallyUpToAnHour(int failures, long minutes) {
        Notification n = failedTimes(failures);
        assertThat(n.state()).isEqualTo(State.PENDING);
        assertThat(n.attempts()).isEqualTo(failures);
        assertThat(n.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(minutes)));
        assertThat(n.lastError()).isEqualTo("Throttling: rate exceeded");
    }

    @Test
    void givesUpAfterMaxAttempts() {
        Notification n = failedTimes(Notification.MAX_ATTEMPTS);
        assertThat(n.state()).isEqualTo(State.FAILED);
        assertThat(n.attempts()).isEqualTo(Notification.MAX_ATTEMPTS);
        assertThat(n.nextAttemptAt()).as("no longer picked up by the retry job").isNull();
        assertThat(n.lastError()).isEqualTo("Throttling: rate exceeded");
    }

    @Test
    void aSendRecordsTheAttemptAndTheProviderId() {
        Notification n = failedTimes(2).sent(NOW.plusSeconds(300), "sns-msg-1");
        assertThat(n.state()).isEqualTo(State.SENT);
        assertThat(n.attempts()).isEqualTo(3);
        assertThat(n.sentAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(n.providerId()).isEqualTo("sns-msg-1");
        assertThat(n.nextAttemptAt()).isNull();
    }

    @Test
    void aLeaseMovesOnlyTheNextAttempt() {
        Notification before = failedTimes(1);
        Notification leased = before.leasedUntil(NOW.plusSeconds(120));
        assertThat(leased.nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(leased).usingRecursiveComparison().ignoringFields("nextAttemptAt").isEqualTo(before);
    }

    @Test
    void theRecipientIsMaskedForTheTimeline() {
        assertThat(sms().maskedTo()).isEqualTo("+91******3210");
        Notification email = Notification.pending("GMC-2612-000451", "n2", Medium.EMAIL, Recipient.CITIZEN,
                "asha.patel@example.in", "CITIZEN_REGISTERED", Language.EN, "Subject", "Body", NOW);
        assertThat(email.maskedTo()).isEqualTo("a****@example.in");
    }
}
