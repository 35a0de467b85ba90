package org.happserve.domain;

/** Who holds a complaint now: the officer of the complaint's (ward, department) at its escalation level. */
public record Assignee(String officerId, String name, String designation, int level) {
    public static Assignee of(Officer o) {
        return new Assignee(o.id(), o.name(), o.designation(), o.level());
    }
}
