package org.happserve.domain;

import java.util.List;

/** Everything written atomically when a complaint is registered, report counters included. */
public record NewComplaint(Complaint complaint, List<TimelineEntry> timeline, List<Notification> notifications,
                           List<StatDelta> stats) {}
