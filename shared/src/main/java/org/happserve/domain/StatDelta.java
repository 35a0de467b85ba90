package org.happserve.domain;

import java.time.LocalDate;
import java.util.Map;

/**
 * A change to the report counters of one (day, category, ward): counts to add (negative to
 * subtract) and, for a close, the turnaround to record. Every transition carries its deltas so
 * the counters move in the same write as the complaint and a report never needs a table scan.
 */
public record StatDelta(LocalDate day, String category, String ward, Map<String, Long> counts, Long turnaroundMinutes) {
    public static final String REGISTERED = "registered";
    /** Held on the registration day: how many of that day's complaints are open now. */
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String CLOSED_ON_TIME = "closedOnTime";
    public static final String REOPENED = "reopened";
    public static final String BREACHES = "breaches";
    /** {@code escalated1}, {@code escalated2}, …: arrivals at that level by SLA breach or reopen. */
    public static final String ESCALATED = "escalated";
}
