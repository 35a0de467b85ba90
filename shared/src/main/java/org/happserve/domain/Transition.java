package org.happserve.domain;

import java.util.List;

/**
 * One change of a complaint, decided by {@link Lifecycle}: the complaint as it was read (its
 * version is the write's condition), as it becomes, and the timeline entries and messages that
 * record the change, with what it adds to the report counters. The store writes it all at once or
 * not at all.
 */
public record Transition(Complaint before, Complaint after, List<TimelineEntry> timeline,
                         List<Notification> notifications, List<StatDelta> stats) {}
