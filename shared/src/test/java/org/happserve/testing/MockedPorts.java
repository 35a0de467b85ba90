package org.happserve.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.happserve.app.ComplaintActions;
import org.happserve.app.ComplaintServices;
import org.happserve.app.DirectorySource;
import org.happserve.app.LookupComplaints;
import org.happserve.app.NotificationDispatcher;
import org.happserve.app.RegisterComplaints;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.DirectoryStore;
import org.happserve.ports.Notifier;
import org.happserve.ports.SlaTimer;
import org.mockito.quality.Strictness;

/**
 * The real use cases around mocked ports. By default the directory store holds the sample
 * municipality, every send succeeds with a fresh provider id, and every notification update is
 * accepted; tests stub what they care about on top.
 */
public final class MockedPorts {
    public final ComplaintStore store = lenientMock(ComplaintStore.class);
    public final DirectoryStore directoryStore = lenientMock(DirectoryStore.class);
    public final Notifier notifier = lenientMock(Notifier.class);
    public final SlaTimer timer = lenientMock(SlaTimer.class);
    public final Clock clock;
    private final DirectorySource directory;
    private final NotificationDispatcher dispatcher;

    public MockedPorts() {
        this(Fixtures.CLOCK);
    }

    public MockedPorts(Clock clock) {
        this.clock = clock;
        AtomicInteger sent = new AtomicInteger();
        when(directoryStore.load()).thenReturn(Optional.of(Fixtures.sampleDirectory()));
        when(notifier.send(any(), any())).thenAnswer(i -> "provider-msg-" + sent.incrementAndGet());
        when(store.updateNotification(any(), any())).thenReturn(true);
        directory = new DirectorySource(directoryStore, clock);
        dispatcher = new NotificationDispatcher(store, notifier, directory, clock);
    }

    public DirectorySource directory() {
        return directory;
    }

    public NotificationDispatcher dispatcher() {
        return dispatcher;
    }

    public RegisterComplaints register() {
        return register(1);
    }

    public RegisterComplaints register(double timeScale) {
        return new RegisterComplaints(services(timeScale));
    }

    public ComplaintActions actions() {
        return new ComplaintActions(services(1));
    }

    private ComplaintServices services(double timeScale) {
        return new ComplaintServices(store, directory, Samples.MESSAGES, dispatcher, timer, clock, timeScale);
    }

    public LookupComplaints lookup() {
        return new LookupComplaints(store, clock);
    }

    /** The store hands out acknowledgement sequence numbers from {@code first} on. */
    public MockedPorts sequenceFrom(long first) {
        when(store.reserveSequence(any(), anyInt())).thenReturn(first);
        return this;
    }

    private static <T> T lenientMock(Class<T> type) {
        return mock(type, withSettings().strictness(Strictness.LENIENT));
    }
}
