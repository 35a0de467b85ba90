package org.happserve.app;

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

    public LookupComplaints(ComplaintStore store) {
        this.store = store;
    }

    public Optional<ComplaintRecord> forCitizen(String number, String e164Mobile) {
        return forStaff(number).filter(r -> r.complaint().citizen().mobile().equals(e164Mobile));
    }

    public Optional<ComplaintRecord> forStaff(String number) {
        return AckNumber.wellFormed(number) ? store.find(number) : Optional.empty();
    }

    public Page<Complaint> search(Query query, String cursor, int limit) {
        return store.search(query, cursor, Math.max(1, Math.min(MAX_PAGE, limit)));
    }
}
