package org.happserve.app;

import java.time.Clock;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.domain.Municipality;
import org.happserve.domain.Notification;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.Notifier;

/**
 * Sends the messages a change owes and records each outcome. A failure never propagates: the
 * message stays PENDING with a back-off and {@link #retryDue()} (run on a schedule) sends it later.
 */
public final class NotificationDispatcher {
    private static final Logger LOG = LogManager.getLogger(NotificationDispatcher.class);
    private final ComplaintStore store;
    private final Notifier notifier;
    private final DirectorySource directory;
    private final Clock clock;

    public NotificationDispatcher(ComplaintStore store, Notifier notifier, DirectorySource directory, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.directory = directory;
        this.clock = clock;
    }

    /** First attempt, right after the change that owes the messages was written. */
    public void dispatch(List<Notification> notifications) {
        Municipality m = directory.get().municipality();
        notifications.forEach(n -> attempt(n, m));
    }

    /** Retries what is due; returns how many were sent. */
    public int retryDue() {
        Municipality m = directory.get().municipality();
        int sent = 0;
        for (Notification n : store.duePending(clock.instant(), 100)) {
            // Take a lease first so that an overlapping run cannot send the same message too.
            Notification leased = n.leasedUntil(clock.instant().plus(Notification.LEASE));
            if (store.updateNotification(leased, n) && attempt(leased, m)) sent++;
        }
        return sent;
    }

    private boolean attempt(Notification n, Municipality m) {
        Notification outcome;
        try {
            outcome = n.sent(clock.instant(), notifier.send(n, m));
        } catch (RuntimeException e) {
            LOG.warn("{} {} to {} for {} failed (attempt {}): {}", n.medium(), n.template(), n.maskedTo(),
                    n.number(), n.attempts() + 1, e.toString());
            outcome = n.failed(clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            store.updateNotification(outcome, n);
        } catch (RuntimeException e) {
            // The message stays PENDING in the store; the retry job resends it (at-least-once).
            LOG.error("could not record the outcome of {} {} for {}", n.medium(), n.id(), n.number(), e);
        }
        return outcome.state() == Notification.State.SENT;
    }
}
