package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.happserve.app.Reports;
import org.happserve.domain.Status;
import org.happserve.domain.TimelineEntry;
import org.happserve.ports.ComplaintStore;

/**
 * The report counters recounted from the stored complaints and their timelines, and compared with
 * what {@link Reports} sums from the per-day counters (used by {@code ReportsIT} and
 * {@code SustainedLoadIT}).
 */
final class Recount {
    private Recount() {}

    /** registered, closed, open, reopens, breaches, then arrivals at levels 1..top, per category, from the timelines. */
    static Map<String, long[]> byCategory(ComplaintStore store, Collection<String> numbers, int top) {
        Map<String, long[]> out = new HashMap<>();
        for (String n : numbers) {
            var record = store.find(n).orElseThrow(() -> new AssertionError("complaint " + n + " not stored"));
            long[] c = out.computeIfAbsent(record.complaint().category(), k -> new long[5 + top]);
            c[0]++;
            if (record.complaint().status() == Status.OPEN) c[2]++;
            int level = 0;
            for (TimelineEntry e : record.timeline()) {
                switch (e.type()) {
                    case "CLOSED" -> c[1]++;
                    case "REOPENED", "ESCALATED" -> {
                        if (e.type().equals("REOPENED")) c[3]++;
                        else c[4]++;
                        if (level < top) c[4 + ++level]++;
                    }
                    case "REMINDER" -> c[4]++;
                    default -> { }
                }
            }
        }
        return out;
    }

    /** Every category's figures in the summary equal the recount (categories absent from it count zero). */
    static void assertEqual(Reports.Summary summary, Map<String, long[]> recount, int top) {
        assertThat(summary.categories().stream().map(Reports.Line::category).toList())
                .as("categories of the summary").containsAll(recount.keySet());
        for (Reports.Line line : summary.categories()) {
            long[] expected = recount.getOrDefault(line.category(), new long[5 + top]);
            Reports.Figures f = line.figures();
            long[] actual = {f.registered(), f.closed(), f.open(), f.reopens(), f.slaBreaches()};
            for (int i = 0; i < 5; i++) assertThat(actual[i]).as(line.category() + " figure " + i).isEqualTo(expected[i]);
            for (int level = 1; level <= top; level++) {
                assertThat(f.escalationsByLevel().get(level)).as(line.category() + " level " + level).isEqualTo(expected[4 + level]);
            }
        }
    }
}
