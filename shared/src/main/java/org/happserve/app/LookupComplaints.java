package org.happserve.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.happserve.domain.AckNumber;
import org.happserve.domain.Complaint;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.ComplaintRecord;
import org.happserve.ports.ComplaintStore.Page;
import org.happserve.ports.ComplaintStore.Query;

/**
 * Reading complaints. A citizen proves ownership with the registered mobile; an unknown number and
 * a wrong mobile look the same, so the lookup cannot be used to probe either.
 */
public final class LookupComplaints {
    public static final int MAX_PAGE = 100;
    private final ComplaintStore store;
    private final Clock clock;

    public LookupComplaints(ComplaintStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An inbox line: the complaint, and whether its SLA has already passed. */
    public record InboxItem(Complaint complaint, boolean overdue) {}

    public Optional<ComplaintRecord> forCitizen(String number, String e164Mobile) {
        return forStaff(number).filter(r -> r.complaint().citizen().mobile().equals(e164Mobile));
    }

    public Optional<ComplaintRecord> forStaff(String number) {
        return AckNumber.wellFormed(number) ? store.find(number) : Optional.empty();
    }

    /** The officer's open complaints, earliest due first. */
    public Page<InboxItem> inbox(String officerId, String cursor, int limit) {
        Instant now = clock.instant();
        Page<Complaint> page = store.inbox(officerId, cursor, Math.max(1, Math.min(MAX_PAGE, limit)));
        return new Page<>(page.items().stream().map(c -> new InboxItem(c, c.dueAt().isBefore(now))).toList(),
                page.nextCursor());
    }

    public Page<Complaint> search(Query query, String cursor, int limit) {
        return store.search(query, cursor, Math.max(1, Math.min(MAX_PAGE, limit)));
    }
}
