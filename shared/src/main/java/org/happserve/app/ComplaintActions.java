package org.happserve.app;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.happserve.domain.Caller;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.Lifecycle;
import org.happserve.domain.Mobile;
import org.happserve.domain.Refusal;
import org.happserve.domain.Status;
import org.happserve.domain.Transition;
import org.happserve.ports.ComplaintStore.ConcurrentChangeException;

/**
 * Staff and citizens acting on a complaint. Each action reads the complaint, lets
 * {@link Lifecycle} decide, and writes on the condition that the complaint is unchanged; if
 * someone else acted first it decides again on what they left (so a second close gets 409, not a
 * lost update), then sends the messages the change owes.
 */
public final class ComplaintActions {
    private static final int ATTEMPTS = 5;
    private final ComplaintServices services;
    private final SafeSlaTimer timer;

    public ComplaintActions(ComplaintServices services) {
        this.services = services;
        this.timer = new SafeSlaTimer(services.timer());
    }

    public Complaint close(String number, Caller caller, String resolution) {
        return act(number, (c, d, now) -> Lifecycle.close(d, services.messages(), c, caller, resolution, now, services.timeScale()));
    }

    /** A citizen proves ownership with the registered mobile; staff need not. */
    public Complaint reopen(String number, Caller caller, String mobile, String reason) {
        if (!caller.isStaff()) {
            String e164 = Mobile.normalize(mobile).orElseThrow(Refusal::notFound);
            return act(number, (c, d, now) -> {
                if (!c.citizen().mobile().equals(e164)) throw Refusal.notFound();
                return Lifecycle.reopen(d, services.messages(), c, caller, reason, now, services.timeScale());
            });
        }
        return act(number, (c, d, now) -> Lifecycle.reopen(d, services.messages(), c, caller, reason, now, services.timeScale()));
    }

    public Complaint note(String number, Caller caller, String text) {
        return act(number, (c, d, now) -> Lifecycle.note(c, caller, text, now));
    }

    public Complaint reassign(String number, Caller caller, String ward, String category, String reason) {
        return act(number, (c, d, now) -> Lifecycle.reassign(d, services.messages(), c, caller, ward, category, reason, now, services.timeScale()));
    }

    /**
     * Run by the SLA timer when a complaint falls due (and by the reconciliation job for any it
     * missed): escalates it if it is still open and its due time has passed — a duplicate or early
     * call changes nothing. Returns the complaint as it now stands, or empty if it does not exist.
     */
    public Optional<Complaint> escalateIfDue(String number) {
        try {
            return Optional.of(act(number, (c, d, now) -> c.status() == Status.OPEN && !now.isBefore(c.dueAt())
                    ? Lifecycle.escalate(d, services.messages(), c, now, services.timeScale()) : null));
        } catch (Refusal gone) {
            if (gone.kind() != Refusal.Kind.NOT_FOUND) throw gone;
            return Optional.empty();
        }
    }

    /** What an action decides from the complaint as read; null for no change. */
    @FunctionalInterface
    interface Decision {
        Transition decide(Complaint complaint, Directory directory, Instant now);
    }

    private Complaint act(String number, Decision decision) {
        for (int attempt = 1; ; attempt++) {
            Complaint current = services.store().get(number).orElseThrow(Refusal::notFound);
            Transition t = decision.decide(current, services.directory().get(), services.clock().instant().truncatedTo(ChronoUnit.MILLIS));
            if (t == null) return current;
            try {
                services.store().apply(t);
            } catch (ConcurrentChangeException e) {
                if (attempt == ATTEMPTS) throw Refusal.conflict(number + " is being changed by someone else; try again");
                continue;
            }
            retime(t);
            services.dispatcher().dispatch(t.notifications());
            return t.after();
        }
    }

    /** Closing ends the complaint's timer; reopening starts the timer of the new round. */
    private void retime(Transition t) {
        Complaint before = t.before();
        Complaint after = t.after();
        if (before.status() == Status.OPEN && after.status() == Status.CLOSED) {
            timer.stop(after.number(), after.reopenCount());
        } else if (before.status() == Status.CLOSED && after.status() == Status.OPEN) {
            timer.startRound(after, services.store());
        }
    }
}
