package org.happserve.domain;

import java.time.Instant;

/**
 * A complaint as stored. {@code version} increases with every change and guards every
 * conditional write, so concurrent staff actions cannot overwrite each other.
 */
public record Complaint(String number, Status status, int escalationLevel, int reopenCount, String ward,
                        String category, String department, String description, String address,
                        Location location, Channel channel, Citizen citizen, Assignee assignee,
                        Instant registeredAt, Instant dueAt, Instant closedAt, String resolution,
                        Instant reopenableUntil, String registeredBy, long version) {

    /** The complaint after a change of state: what a transition decides, the rest kept, the version moved on. */
    Complaint next(Status status, int level, int reopens, String toWard, String toCategory, String toDepartment,
                   Assignee to, Instant due, Instant closed, String resolutionText, Instant reopenable) {
        return new Complaint(number, status, level, reopens, toWard, toCategory, toDepartment, description, address,
                location, channel, citizen, to, registeredAt, due, closed, resolutionText, reopenable, registeredBy,
                version + 1);
    }
}
