package org.happserve.app;

import static org.happserve.domain.StatDelta.BREACHES;
import static org.happserve.domain.StatDelta.CLOSED;
import static org.happserve.domain.StatDelta.CLOSED_ON_TIME;
import static org.happserve.domain.StatDelta.ESCALATED;
import static org.happserve.domain.StatDelta.OPEN;
import static org.happserve.domain.StatDelta.REGISTERED;
import static org.happserve.domain.StatDelta.REOPENED;
import static org.happserve.domain.StatDelta.TURNAROUND_BUCKET;
import static org.happserve.domain.StatDelta.TURNAROUND_BUCKET_HOURS;
import static org.happserve.domain.StatDelta.TURNAROUND_COUNT;
import static org.happserve.domain.StatDelta.TURNAROUND_MINUTES;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.happserve.domain.Category;
import org.happserve.domain.Directory;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.StatRow;

/**
 * The administrators' figures, summed from the per-day counters every transition maintains: the
 * cost of a report grows with the days asked for, never with the number of complaints.
 */
public final class Reports {
    public static final int MAX_DAYS = 366;
    private final ComplaintStore store;
    private final DirectorySource directory;

    public Reports(ComplaintStore store, DirectorySource directory) {
        this.store = store;
        this.directory = directory;
    }

    /** One category's (or all categories') figures. */
    public record Figures(long registered, long closed, long open, Double averageTurnaroundHours,
                          Double medianTurnaroundHours, long slaBreaches, long reopens, Double slaCompliance,
                          Map<Integer, Long> escalationsByLevel) {}

    public record Line(String category, String name, Figures figures) {}

    public record Day(LocalDate date, long registered, long closed) {}

    public record Summary(LocalDate from, LocalDate to, String ward, List<Line> categories, Figures totals, List<Day> daily) {}

    public Summary summary(LocalDate from, LocalDate to, String ward) {
        Directory d = directory.get();
        if (to.isBefore(from)) throw ValidationException.of("to", "must not be before from");
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) throw ValidationException.of("from", "the range may span at most " + MAX_DAYS + " days");
        if (ward != null && d.ward(ward).isEmpty()) throw ValidationException.of("ward", "is not a ward of this municipality");

        Map<String, List<StatRow>> byCategory = new LinkedHashMap<>();
        d.categories().forEach(c -> byCategory.put(c.code(), new ArrayList<>()));
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) days.put(day, new long[2]);
        List<StatRow> all = new ArrayList<>();
        for (StatRow row : store.statsByCategory(from, to, ward)) {
            byCategory.computeIfAbsent(row.category(), k -> new ArrayList<>()).add(row);
            all.add(row);
            long[] day = days.get(row.day());
            day[0] += row.counts().getOrDefault(REGISTERED, 0L);
            day[1] += row.counts().getOrDefault(CLOSED, 0L);
        }
        List<Line> lines = new ArrayList<>();
        byCategory.forEach((code, rows) -> lines.add(new Line(code,
                d.category(code).map(Category::name).orElse(code), figures(rows, d.topLevel()))));
        List<Day> daily = new ArrayList<>();
        days.forEach((date, v) -> daily.add(new Day(date, v[0], v[1])));
        return new Summary(from, to, ward, lines, figures(all, d.topLevel()), daily);
    }

    private static Figures figures(List<StatRow> rows, int topLevel) {
        long[] buckets = new long[TURNAROUND_BUCKET_HOURS.size() + 1];
        long turnaroundCount = 0;
        long turnaroundMinutes = 0;
        Map<Integer, Long> escalations = new LinkedHashMap<>();
        for (int level = 1; level <= topLevel; level++) escalations.put(level, 0L);
        long registered = 0, closed = 0, open = 0, onTime = 0, breaches = 0, reopens = 0;
        for (StatRow r : rows) {
            registered += r.counts().getOrDefault(REGISTERED, 0L);
            closed += r.counts().getOrDefault(CLOSED, 0L);
            open += r.counts().getOrDefault(OPEN, 0L);
            onTime += r.counts().getOrDefault(CLOSED_ON_TIME, 0L);
            breaches += r.counts().getOrDefault(BREACHES, 0L);
            reopens += r.counts().getOrDefault(REOPENED, 0L);
            for (int level = 1; level <= topLevel; level++) {
                escalations.merge(level, r.counts().getOrDefault(ESCALATED + level, 0L), Long::sum);
            }
            turnaroundCount += r.counts().getOrDefault(TURNAROUND_COUNT, 0L);
            turnaroundMinutes += r.counts().getOrDefault(TURNAROUND_MINUTES, 0L);
            for (int i = 0; i < buckets.length; i++) buckets[i] += r.counts().getOrDefault(TURNAROUND_BUCKET + i, 0L);
        }
        Double average = turnaroundCount == 0 ? null : hours(turnaroundMinutes / (double) turnaroundCount);
        Double median = turnaroundCount == 0 ? null : hours(median(buckets, turnaroundCount));
        return new Figures(registered, closed, open, average, median, breaches, reopens,
                closed == 0 ? null : Math.round(1000.0 * onTime / closed) / 1000.0, escalations);
    }

    /**
     * The median turnaround in minutes, estimated from the histogram: the bucket holding the middle
     * close, interpolated linearly within it (the open last bucket counts as twice its lower bound).
     */
    static double median(long[] buckets, long count) {
        double middle = count / 2.0;
        long before = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] > 0 && before + buckets[i] >= middle) {
                double low = i == 0 ? 0 : TURNAROUND_BUCKET_HOURS.get(i - 1) * 60.0;
                double high = i < TURNAROUND_BUCKET_HOURS.size() ? TURNAROUND_BUCKET_HOURS.get(i) * 60.0 : low * 2;
                return low + (high - low) * (middle - before) / buckets[i];
            }
            before += buckets[i];
        }
        return 0;
    }

    private static double hours(double minutes) {
        return Math.round(minutes / 6.0) / 10.0;
    }
}
