package org.happserve.domain;

import java.time.Instant;

/**
 * One change in a complaint's life: who did what, when. Internal entries (officer notes,
 * messages to staff) are shown to staff only.
 */
public record TimelineEntry(Instant at, String type, String actor, String text, boolean internal) {
    public static final String REGISTERED = "REGISTERED";
    public static final String ASSIGNED = "ASSIGNED";
}
