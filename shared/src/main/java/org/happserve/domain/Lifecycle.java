package org.happserve.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a complaint's life after registration: who may close, reopen, annotate and
 * reassign it, what each does to its state, timeline and messages, and how it escalates when its
 * SLA passes. Pure: the caller reads the complaint, asks for a {@link Transition}, and writes it
 * on the condition that nobody changed the complaint meanwhile.
 */
public final class Lifecycle {
    /** How long after closing a citizen may reopen (divided by the time scale, like every SLA). */
    public static final Duration REOPEN_WINDOW = Duration.ofDays(3);
    public static final int TEXT_MAX = 1000;

    private Lifecycle() {}

    /** By the assignee, an officer above in the complaint's chain, or an administrator. */
    public static Transition close(Directory d, Messages m, Complaint c, Caller caller, String resolution,
                                   Instant now, double timeScale) {
        String text = text(resolution, "resolution");
        if (!caller.has(Caller.Role.ADMIN) && !chainFrom(d, c, c.escalationLevel()).contains(caller.officerId())) {
            throw Refusal.forbidden("only the assigned officer, an officer above in its chain or an administrator may close "
                    + c.number());
        }
        if (c.status() == Status.CLOSED) throw Refusal.conflict(c.number() + " is already closed");
        Instant reopenable = now.plus(scaled(REOPEN_WINDOW, timeScale));
        Complaint after = c.next(Status.CLOSED, c.escalationLevel(), c.reopenCount(), c.ward(), c.category(),
                c.department(), c.assignee(), c.dueAt(), now, text, reopenable);
        return new Transition(c, after,
                List.of(entry(now, "CLOSED", caller, "Closed by " + who(caller, d) + ": " + text, false)),
                new Notices(d, m, after, now).withTime("reopenBy", reopenable).with("resolution", text)
                        .smsToCitizen("CITIZEN_CLOSED").emailToCitizen("CITIZEN_CLOSED").list(),
                Stats.closed(c, after, d.municipality().zone()));
    }

    /**
     * By the citizen (the caller checked the registered mobile) or an operator or administrator on
     * their behalf, within the reopen window: back to OPEN one level up (capped at the top), with a
     * fresh SLA at that level.
     */
    public static Transition reopen(Directory d, Messages m, Complaint c, Caller caller, String reason, Instant now,
                                    double timeScale) {
        String text = text(reason, "reason");
        if (caller.isStaff() && !caller.has(Caller.Role.OPERATOR) && !caller.has(Caller.Role.ADMIN)) {
            throw Refusal.forbidden("officers cannot reopen complaints; the citizen or an operator can");
        }
        if (c.status() == Status.OPEN) throw Refusal.conflict(c.number() + " is open; only a closed complaint can be reopened");
        if (now.isAfter(c.reopenableUntil())) {
            throw Refusal.conflict("the reopen window of " + c.number() + " closed at " + Times.iso(c.reopenableUntil())
                    + "; please lodge a new complaint");
        }
        int level = Math.min(c.escalationLevel() + 1, d.topLevel());
        Officer officer = d.officerFor(c.ward(), c.department(), level);
        Complaint after = c.next(Status.OPEN, level, c.reopenCount() + 1, c.ward(), c.category(), c.department(),
                Assignee.of(officer), now.plus(sla(d, c.category(), level, timeScale)), null, null, null);
        return new Transition(c, after, List.of(
                entry(now, "REOPENED", caller, "Reopened by " + who(caller, d) + ": " + text, false),
                assigned(now, after)),
                new Notices(d, m, after, now).with("reason", text)
                        .smsToOfficer(officer, "OFFICER_REOPENED").smsToCitizen("CITIZEN_REOPENED").list(),
                Stats.reopened(c, after, now, d.municipality().zone()));
    }

    /** Staff notes are internal: the citizen's view does not show them. */
    public static Transition note(Complaint c, Caller caller, String text, Instant now) {
        String note = text(text, "text");
        if (!caller.isStaff()) throw Refusal.forbidden("only staff add notes");
        Complaint after = c.next(c.status(), c.escalationLevel(), c.reopenCount(), c.ward(), c.category(),
                c.department(), c.assignee(), c.dueAt(), c.closedAt(), c.resolution(), c.reopenableUntil());
        return new Transition(c, after, List.of(entry(now, "NOTE", caller, note, true)), List.of(), List.of());
    }

    /**
     * Corrects a wrong ward or category: re-routed to the officer of the new (ward, department) at the
     * same level, with the SLA counted afresh from now, since the new officer learns of it only now.
     * The new and the previous officer are told.
     */
    public static Transition reassign(Directory d, Messages m, Complaint c, Caller caller, String ward,
                                      String category, String reason, Instant now, double timeScale) {
        String text = text(reason, "reason");
        if (!caller.has(Caller.Role.OPERATOR) && !caller.has(Caller.Role.ADMIN)) {
            throw Refusal.forbidden("only operators and administrators reassign complaints");
        }
        List<FieldError> errors = new ArrayList<>();
        String toWard = ward == null ? c.ward() : ward;
        String toCategory = category == null ? c.category() : category;
        if (ward == null && category == null) errors.add(new FieldError("ward", "or category is required"));
        if (d.ward(toWard).isEmpty()) errors.add(new FieldError("ward", "unknown ward '" + Text.clip(toWard) + "'"));
        if (d.category(toCategory).isEmpty()) errors.add(new FieldError("category", "unknown category '" + Text.clip(toCategory) + "'"));
        if (!errors.isEmpty()) throw new ValidationException(errors);
        if (toWard.equals(c.ward()) && toCategory.equals(c.category())) {
            throw ValidationException.of("ward", "the complaint is already in this ward and category");
        }
        if (c.status() == Status.CLOSED) throw Refusal.conflict(c.number() + " is closed; reopen it first");
        String department = d.category(toCategory).orElseThrow().department();
        Officer officer = d.officerFor(toWard, department, c.escalationLevel());
        Officer previous = d.officer(c.assignee().officerId()).orElse(null);
        Complaint after = c.next(c.status(), c.escalationLevel(), c.reopenCount(), toWard, toCategory, department,
                Assignee.of(officer), now.plus(sla(d, toCategory, c.escalationLevel(), timeScale)), null, null, null);
        Notices notices = new Notices(d, m, after, now).with("reason", text).smsToOfficer(officer, "OFFICER_ASSIGNED");
        if (previous != null && !previous.id().equals(officer.id())) notices.smsToOfficer(previous, "OFFICER_TRANSFERRED");
        return new Transition(c, after, List.of(
                entry(now, "REASSIGNED", caller, "Moved from " + c.ward() + "/" + c.category() + " to " + toWard + "/"
                        + toCategory + " by " + who(caller, d) + ": " + text, false),
                assigned(now, after)), notices.list(), Stats.reassigned(c, after, d.municipality().zone()));
    }

    /**
     * The SLA passed while the complaint is still open: one level up to the next authority with a
     * fresh SLA, the new assignee told by SMS and email, the previous one informed. At the top level
     * it stays with the Deputy Commissioner, who is reminded each time the top level's SLA passes
     * again (so, with a 24-hour SLA, daily). Callers check that the complaint is open and due.
     */
    public static Transition escalate(Directory d, Messages m, Complaint c, Instant now, double timeScale) {
        if (c.escalationLevel() >= d.topLevel()) {
            Complaint after = c.next(c.status(), c.escalationLevel(), c.reopenCount(), c.ward(), c.category(),
                    c.department(), c.assignee(), now.plus(sla(d, c.category(), c.escalationLevel(), timeScale)),
                    null, null, null);
            Officer top = d.officerFor(c.ward(), c.department(), c.escalationLevel());
            return new Transition(c, after,
                    List.of(new TimelineEntry(now, "REMINDER", "system", "Overdue at the top level: reminder sent to the "
                            + top.designation() + ", next due " + Times.iso(after.dueAt()), false)),
                    new Notices(d, m, after, now).smsToOfficer(top, "OFFICER_REMINDER").list(),
                    Stats.escalated(c, after, now, d.municipality().zone()));
        }
        int level = c.escalationLevel() + 1;
        Officer officer = d.officerFor(c.ward(), c.department(), level);
        Officer previous = d.officer(c.assignee().officerId()).orElse(null);
        Complaint after = c.next(c.status(), level, c.reopenCount(), c.ward(), c.category(), c.department(),
                Assignee.of(officer), now.plus(sla(d, c.category(), level, timeScale)), null, null, null);
        Notices notices = new Notices(d, m, after, now)
                .smsToOfficer(officer, "OFFICER_ESCALATED").emailToOfficer(officer, "OFFICER_ESCALATED");
        if (previous != null) notices.smsToOfficer(previous, "OFFICER_ESCALATED_AWAY");
        return new Transition(c, after, List.of(
                new TimelineEntry(now, "ESCALATED", "system", "Not resolved by " + Times.iso(c.dueAt())
                        + ": escalated to level " + level, false),
                assigned(now, after)), notices.list(), Stats.escalated(c, after, now, d.municipality().zone()));
    }

    /** The officers of the complaint's (ward, department) from {@code level} to the top. */
    public static List<String> chainFrom(Directory d, Complaint c, int level) {
        List<String> ids = new ArrayList<>();
        for (int l = level; l <= d.topLevel(); l++) ids.add(d.officerFor(c.ward(), c.department(), l).id());
        return ids;
    }

    private static Duration sla(Directory d, String category, int level, double timeScale) {
        return d.category(category).orElseThrow().slaAt(level, timeScale);
    }

    private static Duration scaled(Duration d, double timeScale) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() / timeScale)));
    }

    private static TimelineEntry assigned(Instant now, Complaint after) {
        return new TimelineEntry(now, TimelineEntry.ASSIGNED, "system", "Assigned to " + after.assignee().designation()
                + " (level " + after.escalationLevel() + "), due " + Times.iso(after.dueAt()), false);
    }

    private static TimelineEntry entry(Instant now, String type, Caller caller, String text, boolean internal) {
        return new TimelineEntry(now, type, caller.actor(), text, internal);
    }

    /** How the timeline names the actor: an officer by designation, others by role. */
    private static String who(Caller caller, Directory d) {
        if (!caller.isStaff()) return "the citizen";
        if (caller.has(Caller.Role.ADMIN)) return "an administrator";
        if (caller.has(Caller.Role.OPERATOR)) return "an operator";
        return d.officer(caller.officerId()).map(Officer::designation).orElse("an officer");
    }

    private static String text(String s, String field) {
        List<FieldError> errors = new ArrayList<>();
        String t = Text.required(s, field, TEXT_MAX, true, errors);
        if (!errors.isEmpty()) throw new ValidationException(errors);
        return t;
    }
}
