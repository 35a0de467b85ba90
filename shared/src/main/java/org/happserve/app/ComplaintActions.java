package org.happserve.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.happserve.domain.Caller;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.Lifecycle;
import org.happserve.domain.Messages;
import org.happserve.domain.Mobile;
import org.happserve.domain.Refusal;
import org.happserve.domain.Transition;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.ConcurrentChangeException;

/**
 * Staff and citizens acting on a complaint. Each action reads the complaint, lets
 * {@link Lifecycle} decide, and writes on the condition that the complaint is unchanged; if
 * someone else acted first it decides again on what they left (so a second close gets 409, not a
 * lost update), then sends the messages the change owes.
 */
public final class ComplaintActions {
    private static final int ATTEMPTS = 5;
    private final ComplaintStore store;
    private final DirectorySource directory;
    private final Messages messages;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    private final double timeScale;

    public ComplaintActions(ComplaintStore store, DirectorySource directory, Messages messages,
                            NotificationDispatcher dispatcher, Clock clock, double timeScale) {
        this.store = store;
        this.directory = directory;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.timeScale = timeScale;
    }

    public Complaint close(String number, Caller caller, String resolution) {
        return act(number, (c, d, now) -> Lifecycle.close(d, messages, c, caller, resolution, now, timeScale));
    }

    /** A citizen proves ownership with the registered mobile; staff need not. */
    public Complaint reopen(String number, Caller caller, String mobile, String reason) {
        if (!caller.isStaff()) {
            String e164 = Mobile.normalize(mobile).orElseThrow(Refusal::notFound);
            return act(number, (c, d, now) -> {
                if (!c.citizen().mobile().equals(e164)) throw Refusal.notFound();
                return Lifecycle.reopen(d, messages, c, caller, reason, now, timeScale);
            });
        }
        return act(number, (c, d, now) -> Lifecycle.reopen(d, messages, c, caller, reason, now, timeScale));
    }

    public Complaint note(String number, Caller caller, String text) {
        return act(number, (c, d, now) -> Lifecycle.note(c, caller, text, now));
    }

    public Complaint reassign(String number, Caller caller, String ward, String category, String reason) {
        return act(number, (c, d, now) -> Lifecycle.reassign(d, messages, c, caller, ward, category, reason, now, timeScale));
    }

    /** What an action decides from the complaint as read. */
    @FunctionalInterface
    interface Decision {
        Transition decide(Complaint complaint, Directory directory, Instant now);
    }

    private Complaint act(String number, Decision decision) {
        for (int attempt = 1; ; attempt++) {
            Complaint current = store.get(number).orElseThrow(Refusal::notFound);
            Transition t = decision.decide(current, directory.get(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            try {
                store.apply(t);
            } catch (ConcurrentChangeException e) {
                if (attempt == ATTEMPTS) throw Refusal.conflict(number + " is being changed by someone else; try again");
                continue;
            }
            dispatcher.dispatch(t.notifications());
            return t.after();
        }
    }
}
