package org.happserve.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A change to the report counters of one (day, category, ward): counts to add (negative to
 * subtract). Every transition carries its deltas so the counters move in the same write as the
 * complaint and a report never needs a table scan. Turnarounds are kept as a count, a sum and a
 * fixed histogram, so a counter item stays the same size however many complaints it counts: the
 * average is exact, the median is estimated within its bucket.
 */
public record StatDelta(LocalDate day, String category, String ward, Map<String, Long> counts) {
    public static final String REGISTERED = "registered";
    /** Held on the registration day: how many of that day's complaints are open now. */
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String CLOSED_ON_TIME = "closedOnTime";
    public static final String REOPENED = "reopened";
    public static final String BREACHES = "breaches";
    /** {@code escalated1}, {@code escalated2}, …: arrivals at that level by SLA breach or reopen. */
    public static final String ESCALATED = "escalated";
    public static final String TURNAROUND_COUNT = "turnaroundCount";
    public static final String TURNAROUND_MINUTES = "turnaroundMinutes";
    /** {@code turnaround0} … : closes whose turnaround fell in bucket i of {@link #TURNAROUND_BUCKET_HOURS}. */
    public static final String TURNAROUND_BUCKET = "turnaround";
    /** Upper bounds (hours) of the turnaround buckets; the last bucket is everything longer. */
    public static final List<Integer> TURNAROUND_BUCKET_HOURS =
            List.of(1, 2, 4, 8, 12, 18, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720);

    /** The bucket a turnaround falls in. */
    public static int bucket(long minutes) {
        for (int i = 0; i < TURNAROUND_BUCKET_HOURS.size(); i++) {
            if (minutes <= TURNAROUND_BUCKET_HOURS.get(i) * 60L) return i;
        }
        return TURNAROUND_BUCKET_HOURS.size();
    }
}
