package org.happserve.app;

import java.time.Clock;
import org.happserve.domain.Messages;
import org.happserve.ports.ComplaintStore;
import org.happserve.ports.SlaTimer;

/**
 * What the use cases that change complaints ({@link RegisterComplaints}, {@link ComplaintActions})
 * work with, wired once: the store, the directory, the message texts, the dispatcher of what a
 * change owes, the SLA timer, the clock and the time scale (1 when deployed; SLAs divided by it).
 */
public record ComplaintServices(ComplaintStore store, DirectorySource directory, Messages messages,
                                NotificationDispatcher dispatcher, SlaTimer timer, Clock clock, double timeScale) {}
