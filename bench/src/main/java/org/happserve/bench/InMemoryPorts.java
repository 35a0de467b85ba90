package org.happserve.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Notification;
import org.happserve.domain.Transition;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.DirectoryStore;
import org.happserve.ports.Notifier;
import org.happserve.ports.SlaTimer;

/**
 * The ports in memory, for the JMH warm-path benchmark (the AWS round trip stubbed out). Plain
 * classes, not Mockito: a mock's invocation recording would cost more than the code being measured.
 * Only what registration and the citizen lookup call is implemented; the rest throws.
 */
final class InMemoryPorts {
    private InMemoryPorts() {}

    /**
     * Complaints in a map. Idempotency records are not kept (every call registers anew, as the
     * benchmark sends the same event again and again); with {@code capacity} the oldest complaints
     * are dropped so a long registration run does not grow the heap (DynamoDB holds them, not us).
     */
    static final class Store implements ComplaintStore {
        private final AtomicLong sequence;
        private final Map<String, ComplaintRecord> records;

        Store(long firstSequence, int capacity) {
            this.sequence = new AtomicLong(firstSequence);
            this.records = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ComplaintRecord> eldest) {
                    return size() > capacity;
                }
            };
        }

        int size() {
            synchronized (records) {
                return records.size();
            }
        }

        @Override
        public long reserveSequence(String counter, int count) {
            return sequence.getAndAdd(count);
        }

        @Override
        public Optional<IdempotencyRecord> idempotency(String key) {
            return Optional.empty();
        }

        @Override
        public void create(List<NewComplaint> complaints, IdempotencyRecord idempotency) {
            synchronized (records) {
                for (NewComplaint c : complaints) {
                    records.put(c.complaint().number(), new ComplaintRecord(c.complaint(), List.copyOf(c.timeline()),
                            new ArrayList<>(c.notifications())));
                }
            }
        }

        @Override
        public Optional<Complaint> get(String number) {
            return find(number).map(ComplaintRecord::complaint);
        }

        @Override
        public Optional<ComplaintRecord> find(String number) {
            synchronized (records) {
                ComplaintRecord r = records.get(number);
                // A copy, as a read from DynamoDB would be.
                return r == null ? Optional.empty()
                        : Optional.of(new ComplaintRecord(r.complaint(), r.timeline(), List.copyOf(r.notifications())));
            }
        }

        @Override
        public List<Complaint> findAll(List<String> numbers) {
            List<Complaint> out = new ArrayList<>();
            numbers.forEach(n -> get(n).ifPresent(out::add));
            return out;
        }

        /** Replaces the notification in its complaint's record, as the conditional PutItem would. */
        @Override
        public boolean updateNotification(Notification updated, Notification read) {
            synchronized (records) {
                ComplaintRecord r = records.get(updated.number());
                if (r == null) return true;
                List<Notification> list = r.notifications();
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).id().equals(updated.id())) {
                        list.set(i, updated);
                        return true;
                    }
                }
                return true;
            }
        }

        @Override
        public void apply(Transition transition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean done(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markDone(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Complaint> openDueBy(Instant dueBy, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Complaint> inbox(String officerId, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Complaint> search(Query query, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Notification> duePending(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StatRow> stats(LocalDate from, LocalDate to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StatRow> statsByCategory(LocalDate from, LocalDate to, String ward) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Compaction compactStats() {
            throw new UnsupportedOperationException();
        }
    }

    static final class Directories implements DirectoryStore {
        private final Directory directory;

        Directories(Directory directory) {
            this.directory = directory;
        }

        @Override
        public Optional<Directory> load() {
            return Optional.of(directory);
        }

        @Override
        public void save(Directory directory) {
            throw new UnsupportedOperationException();
        }
    }

    /** Every SMS and email "sent", with a fresh provider id. */
    static final class Sender implements Notifier {
        private final AtomicLong sent = new AtomicLong();

        @Override
        public String send(Notification notification, org.happserve.domain.Municipality municipality) {
            return "bench-msg-" + sent.incrementAndGet();
        }
    }

    /** Starting and stopping timers succeed and do nothing. */
    static final class Timers implements SlaTimer {
        @Override
        public void start(String number, int reopenCount, int level, Instant dueAt) {}

        @Override
        public void stop(String number, int reopenCount) {}

        @Override
        public boolean isRunning(String number, int reopenCount) {
            return false;
        }
    }
}
