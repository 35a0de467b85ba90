package org.happserve.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A message owed to someone about a complaint. It is written together with the change that
 * causes it (a transactional outbox), so a failed or interrupted send is retried, never lost;
 * the timeline shows its delivery state.
 */
public record Notification(String number, String id, Medium medium, Recipient recipientRole, String to,
                           String template, Language language, String subject, String body, State state,
                           int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt,
                           String lastError, String providerId) {

    public enum Medium { SMS, EMAIL }

    public enum Recipient { CITIZEN, OFFICER }

    public enum State { PENDING, SENT, FAILED }

    /** Attempts before a message is given up as FAILED (it stays on the timeline for staff to act on). */
    public static final int MAX_ATTEMPTS = 8;

    /** How long an attempt in progress holds a message before the retry job may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    public static Notification pending(String number, String id, Medium medium, Recipient role, String to,
                                       String template, Language language, String subject, String body,
                                       Instant now) {
        return new Notification(number, id, medium, role, to, template, language, subject, body, State.PENDING,
                0, now, now.plus(LEASE), null, null, null);
    }

    public Notification sent(Instant at, String providerMessageId) {
        return new Notification(number, id, medium, recipientRole, to, template, language, subject, body,
                State.SENT, attempts + 1, createdAt, null, at, null, providerMessageId);
    }

    /** Held by one sender until {@code until}; the retry job skips it meanwhile. */
    public Notification leasedUntil(Instant until) {
        return new Notification(number, id, medium, recipientRole, to, template, language, subject, body, state,
                attempts, createdAt, until, sentAt, lastError, providerId);
    }

    /** After a failed attempt: back off exponentially (1, 2, 4 … 60 minutes), then give up. */
    public Notification failed(Instant at, String error) {
        int tried = attempts + 1;
        if (tried >= MAX_ATTEMPTS) {
            return new Notification(number, id, medium, recipientRole, to, template, language, subject, body,
                    State.FAILED, tried, createdAt, null, null, error, null);
        }
        Duration backoff = Duration.ofMinutes(Math.min(60, 1L << (tried - 1)));
        return new Notification(number, id, medium, recipientRole, to, template, language, subject, body,
                State.PENDING, tried, createdAt, at.plus(backoff), null, error, null);
    }

    /** The recipient as the timeline may show it. */
    public String maskedTo() {
        return medium == Medium.SMS ? Mobile.mask(to) : Email.mask(to);
    }
}
