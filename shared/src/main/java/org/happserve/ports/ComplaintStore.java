package org.happserve.ports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.happserve.domain.Complaint;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Notification;
import org.happserve.domain.Status;
import org.happserve.domain.TimelineEntry;
import org.happserve.domain.Transition;

/** Where complaints, their timelines and their outgoing messages live. */
public interface ComplaintStore {

    /** Atomically reserves {@code count} consecutive values of a named counter; returns the first. */
    long reserveSequence(String counter, int count);

    Optional<IdempotencyRecord> idempotency(String key);

    /**
     * Writes the complaints with their timelines and notifications, and the idempotency record when
     * given, all or nothing.
     *
     * @throws IdempotencyKeyInUseException when another request recorded the same key first
     */
    void create(List<NewComplaint> complaints, IdempotencyRecord idempotency);

    /** The complaint alone, read consistently. */
    Optional<Complaint> get(String number);

    /**
     * Writes a transition if the complaint still has the version it was read at.
     *
     * @throws ConcurrentChangeException when someone else changed it first
     */
    void apply(Transition transition);

    /** Whether a once-only job step (e.g. one recipient's daily digest) was already done. */
    boolean done(String key);

    /** Records a once-only job step as done (kept for a few days). */
    void markDone(String key);

    /** Open complaints whose due time is at or before {@code dueBy}, earliest first. */
    List<Complaint> openDueBy(Instant dueBy, int limit);

    /** One page of the open complaints assigned to an officer, earliest due first. */
    Page<Complaint> inbox(String officerId, String cursor, int limit);

    /** The complaint with its timeline and notifications, oldest first. */
    Optional<ComplaintRecord> find(String number);

    /** The complaints with these numbers, in that order; unknown numbers are skipped. */
    List<Complaint> findAll(List<String> numbers);

    /**
     * One page of complaints matching every given filter, newest first, served by key or index
     * queries only.
     *
     * @throws InvalidCursorException when the cursor was not issued for this query
     */
    Page<Complaint> search(Query query, String cursor, int limit);

    /**
     * Saves a notification's new state if it is still as {@code read} (pending, same attempts, same
     * next attempt time); false if someone else moved it on, e.g. an overlapping retry run took it.
     */
    boolean updateNotification(Notification updated, Notification read);

    /** Pending notifications whose next attempt is due. */
    List<Notification> duePending(Instant now, int limit);

    /** The report counters of the days from {@code from} to {@code to}, inclusive, one row per (day, category, ward). */
    List<StatRow> stats(LocalDate from, LocalDate to);

    /**
     * The report counters of the days from {@code from} to {@code to}, inclusive, one row per (day,
     * category): of one ward, or summed over all wards when {@code ward} is null (rows' ward null).
     */
    List<StatRow> statsByCategory(LocalDate from, LocalDate to, String ward);

    /**
     * Folds the counters changed since the last compaction into per-day snapshots, so that a report
     * reads one item per day plus what changed since (run on a schedule).
     */
    Compaction compactStats();

    /** Days whose snapshot was rewritten, and change markers cleared. */
    record Compaction(int days, int cleared) {}

    record StatRow(LocalDate day, String category, String ward, Map<String, Long> counts) {}

    record Query(String mobile, Status status, String ward, String category, Integer escalationLevel) {}

    record Page<T>(List<T> items, String nextCursor) {}

    record ComplaintRecord(Complaint complaint, List<TimelineEntry> timeline, List<Notification> notifications) {}

    record IdempotencyRecord(String key, String requestHash, List<String> numbers, Instant createdAt) {}

    class IdempotencyKeyInUseException extends RuntimeException {
        public IdempotencyKeyInUseException(String key) {
            super("idempotency key in use: " + key);
        }
    }

    class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException(String number) {
            super(number + " was changed concurrently");
        }
    }

    class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String why) {
            super(why);
        }
    }
}
