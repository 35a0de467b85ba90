package org.happserve.local;

import java.util.Map;
import org.happserve.app.ComplaintActions;
import org.happserve.app.ComplaintServices;
import org.happserve.app.DirectorySource;
import org.happserve.app.NotificationDispatcher;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.Adapters;
import org.happserve.domain.Directory;
import org.happserve.domain.Messages;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.SlaTimer;
import org.happserve.testing.Fixtures;

/**
 * A fresh stack on the test run's AWS endpoint with the sample municipality loaded and the use
 * cases wired on the real adapters, around a clock the test moves.
 */
final class TestStack {
    final Map<String, String> env;
    final Adapters adapters;
    final Directory gmc = Fixtures.sampleDirectory();
    final MovableClock clock = new MovableClock();
    final ComplaintStore store;
    final DirectorySource directory;
    final NotificationDispatcher dispatcher;

    TestStack(TestAws aws) {
        env = aws.freshStack();
        adapters = Adapters.from(env);
        adapters.directoryStore().save(gmc);
        store = adapters.complaintStore();
        directory = new DirectorySource(adapters.directoryStore(), clock);
        dispatcher = new NotificationDispatcher(store, adapters.notifier(), directory, clock);
    }

    RegisterComplaints register() {
        return register(adapters.slaTimer());
    }

    RegisterComplaints register(SlaTimer timer) {
        return new RegisterComplaints(services(timer));
    }

    ComplaintActions actions() {
        return new ComplaintActions(services(adapters.slaTimer()));
    }

    /** On the stack's store and directory, around the test's clock, SLAs at real length. */
    ComplaintServices services(SlaTimer timer) {
        return new ComplaintServices(store, directory, Messages.load(), dispatcher, timer, clock, 1);
    }
}
