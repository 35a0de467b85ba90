package org.happserve.app;

import static org.happserve.domain.StatDelta.BREACHES;
import static org.happserve.domain.StatDelta.CLOSED;
import static org.happserve.domain.StatDelta.ESCALATED;
import static org.happserve.domain.StatDelta.REGISTERED;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.domain.Directory;
import org.happserve.domain.Municipality;
import org.happserve.domain.Notification;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.ComplaintStore.StatRow;
import org.happserve.ports.Notifier;

/**
 * The commissioners' morning email: yesterday's registered, closed, SLA-breached and escalated
 * complaints per category and ward, from the report counters. A retried run (the schedule retries
 * a failed one) skips the recipients already served that day.
 */
public final class DailyDigest {
    private static final Logger LOG = LogManager.getLogger(DailyDigest.class);
    private final ComplaintStore store;
    private final DirectorySource directory;
    private final Notifier notifier;
    private final Clock clock;

    public DailyDigest(ComplaintStore store, DirectorySource directory, Notifier notifier, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Sends the digest of the day before today (in the municipality's time zone); returns how many were sent. */
    public int send() {
        Directory d = directory.get();
        Municipality m = d.municipality();
        LocalDate day = LocalDate.now(clock.withZone(m.zone())).minusDays(1);
        String subject = m.prefix() + " grievances, " + day + ": daily digest";
        String body = body(d, day, store.stats(day, day));
        int sent = 0;
        List<String> recipients = m.commissionerEmails() == null ? List.of() : m.commissionerEmails();
        for (String to : recipients) {
            String key = "digest#" + day + "#" + to;
            if (store.done(key)) continue;
            Notification email = Notification.pending("DIGEST-" + day, key, Notification.Medium.EMAIL,
                    Notification.Recipient.OFFICER, to, "DAILY_DIGEST", m.language(), subject, body, clock.instant());
            notifier.send(email, m); // a failure fails the run, which the schedule retries
            store.markDone(key);
            sent++;
        }
        LOG.info("daily digest for {} sent to {} of {} recipients", day, sent, recipients.size());
        return sent;
    }

    static String body(Directory d, LocalDate day, List<StatRow> rows) {
        Map<String, long[]> lines = new TreeMap<>();
        long[] total = new long[4];
        for (StatRow r : rows) {
            long escalated = r.counts().entrySet().stream().filter(e -> e.getKey().startsWith(ESCALATED))
                    .mapToLong(Map.Entry::getValue).sum();
            long[] v = {r.counts().getOrDefault(REGISTERED, 0L), r.counts().getOrDefault(CLOSED, 0L),
                    r.counts().getOrDefault(BREACHES, 0L), escalated};
            if (v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0) continue;
            String name = d.category(r.category()).map(c -> c.name()).orElse(r.category()) + " / "
                    + d.ward(r.ward()).map(w -> w.name()).orElse(r.ward());
            long[] line = lines.computeIfAbsent(name, k -> new long[4]);
            for (int i = 0; i < 4; i++) {
                line[i] += v[i];
                total[i] += v[i];
            }
        }
        StringBuilder sb = new StringBuilder(d.municipality().name()).append(": complaints on ").append(day).append("\n\n");
        sb.append(String.format("%-60s %10s %8s %9s %10s%n", "Category / ward", "Registered", "Closed", "Breached", "Escalated"));
        lines.forEach((name, v) -> sb.append(String.format("%-60s %10d %8d %9d %10d%n", name, v[0], v[1], v[2], v[3])));
        sb.append(String.format("%-60s %10d %8d %9d %10d%n", "Total", total[0], total[1], total[2], total[3]));
        if (lines.isEmpty()) sb.append("\nNo complaints were registered, closed or escalated that day.\n");
        return sb.toString();
    }
}
