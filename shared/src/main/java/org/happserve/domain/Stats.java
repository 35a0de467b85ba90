package org.happserve.domain;

import static org.happserve.domain.StatDelta.BREACHES;
import static org.happserve.domain.StatDelta.CLOSED;
import static org.happserve.domain.StatDelta.CLOSED_ON_TIME;
import static org.happserve.domain.StatDelta.ESCALATED;
import static org.happserve.domain.StatDelta.OPEN;
import static org.happserve.domain.StatDelta.REGISTERED;
import static org.happserve.domain.StatDelta.REOPENED;
import static org.happserve.domain.StatDelta.TURNAROUND_BUCKET;
import static org.happserve.domain.StatDelta.TURNAROUND_COUNT;
import static org.happserve.domain.StatDelta.TURNAROUND_MINUTES;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each change of a complaint adds to the report counters (days in the municipality's time zone). */
final class Stats {
    private Stats() {}

    static List<StatDelta> registered(Complaint c, ZoneId zone) {
        return List.of(delta(registrationDay(c, zone), c, Map.of(REGISTERED, 1L, OPEN, 1L)));
    }

    static List<StatDelta> closed(Complaint before, Complaint after, ZoneId zone) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(CLOSED, 1L);
        if (!after.closedAt().isAfter(before.dueAt())) counts.put(CLOSED_ON_TIME, 1L);
        long minutes = Duration.between(after.registeredAt(), after.closedAt()).toMinutes();
        counts.put(TURNAROUND_COUNT, 1L);
        counts.put(TURNAROUND_MINUTES, minutes);
        counts.put(TURNAROUND_BUCKET + StatDelta.bucket(minutes), 1L);
        return List.of(delta(day(after.closedAt(), zone), after, counts),
                delta(registrationDay(after, zone), after, Map.of(OPEN, -1L)));
    }

    static List<StatDelta> reopened(Complaint before, Complaint after, Instant now, ZoneId zone) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(REOPENED, 1L);
        if (after.escalationLevel() > before.escalationLevel()) counts.put(ESCALATED + after.escalationLevel(), 1L);
        return List.of(delta(day(now, zone), after, counts),
                delta(registrationDay(after, zone), after, Map.of(OPEN, 1L)));
    }

    static List<StatDelta> escalated(Complaint before, Complaint after, Instant now, ZoneId zone) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(BREACHES, 1L);
        if (after.escalationLevel() > before.escalationLevel()) counts.put(ESCALATED + after.escalationLevel(), 1L);
        return List.of(delta(day(now, zone), after, counts));
    }

    /** A corrected ward or category moves the complaint's registration (and open) count with it. */
    static List<StatDelta> reassigned(Complaint before, Complaint after, ZoneId zone) {
        List<StatDelta> out = new ArrayList<>();
        LocalDate day = registrationDay(before, zone);
        out.add(delta(day, before, Map.of(REGISTERED, -1L, OPEN, -1L)));
        out.add(delta(day, after, Map.of(REGISTERED, 1L, OPEN, 1L)));
        return out;
    }

    private static StatDelta delta(LocalDate day, Complaint c, Map<String, Long> counts) {
        return new StatDelta(day, c.category(), c.ward(), Map.copyOf(counts));
    }

    private static LocalDate registrationDay(Complaint c, ZoneId zone) {
        return day(c.registeredAt(), zone);
    }

    private static LocalDate day(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDate();
    }
}
