package org.happserve.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.happserve.domain.Complaint;
import org.happserve.domain.Email;
import org.happserve.domain.Mobile;
import org.happserve.domain.Notification;
import org.happserve.domain.TimelineEntry;
import org.happserve.domain.Times;
import org.happserve.ports.ComplaintStore.ComplaintRecord;

/**
 * The public contract's complaint object. The public view masks the citizen's contact details,
 * leaves out who the officer is, and shows only the public timeline (no internal notes, no
 * messages to staff).
 */
public final class ComplaintJson {
    private ComplaintJson() {}

    public static ObjectNode of(Complaint c, boolean staff) {
        ObjectNode o = Json.object();
        o.put("number", c.number());
        o.put("status", c.status().name());
        o.put("escalationLevel", c.escalationLevel());
        o.put("reopenCount", c.reopenCount());
        o.put("ward", c.ward());
        o.put("category", c.category());
        o.put("department", c.department());
        o.put("description", c.description());
        if (c.address() != null) o.put("address", c.address());
        if (c.location() != null) o.putObject("location").put("lat", c.location().lat()).put("lng", c.location().lng());
        o.put("channel", c.channel().name());
        ObjectNode citizen = o.putObject("citizen");
        citizen.put("name", c.citizen().name());
        citizen.put("mobile", staff ? c.citizen().mobile() : Mobile.mask(c.citizen().mobile()));
        if (c.citizen().email() != null) citizen.put("email", staff ? c.citizen().email() : Email.mask(c.citizen().email()));
        citizen.put("language", c.citizen().language().code());
        ObjectNode assignee = o.putObject("assignee");
        if (staff) {
            assignee.put("officerId", c.assignee().officerId());
            assignee.put("name", c.assignee().name());
        }
        assignee.put("designation", c.assignee().designation());
        assignee.put("level", c.assignee().level());
        o.put("registeredAt", Times.iso(c.registeredAt()));
        o.put("dueAt", Times.iso(c.dueAt()));
        putTime(o, "closedAt", c.closedAt());
        if (c.resolution() != null) o.put("resolution", c.resolution());
        putTime(o, "reopenableUntil", c.reopenableUntil());
        return o;
    }

    /** The complaint with its timeline: changes and messages, oldest first. */
    public static ObjectNode withTimeline(ComplaintRecord r, boolean staff) {
        ObjectNode o = of(r.complaint(), staff);
        record Entry(Instant at, ObjectNode json) {}
        List<Entry> entries = new ArrayList<>();
        for (TimelineEntry e : r.timeline()) {
            if (e.internal() && !staff) continue;
            ObjectNode j = Json.object();
            j.put("at", Times.iso(e.at()));
            j.put("type", e.type());
            j.put("actor", staff || e.actor().equals("citizen") || e.actor().equals("system") ? e.actor() : e.actor().split(":")[0]);
            j.put("text", e.text());
            if (staff) j.put("internal", e.internal());
            entries.add(new Entry(e.at(), j));
        }
        for (Notification n : r.notifications()) {
            if (n.recipientRole() == Notification.Recipient.OFFICER && !staff) continue;
            ObjectNode j = Json.object();
            j.put("at", Times.iso(n.createdAt()));
            j.put("type", "NOTIFICATION");
            j.put("actor", "system");
            j.put("channel", n.medium().name());
            j.put("recipient", n.recipientRole().name());
            j.put("to", n.maskedTo());
            j.put("template", n.template());
            j.put("deliveryState", n.state().name());
            j.put("attempts", n.attempts());
            putTime(j, "sentAt", n.sentAt());
            if (staff && n.lastError() != null) j.put("lastError", n.lastError());
            entries.add(new Entry(n.createdAt(), j));
        }
        entries.sort(Comparator.comparing(Entry::at));
        ArrayNode timeline = o.putArray("timeline");
        entries.forEach(e -> timeline.add(e.json()));
        return o;
    }

    private static void putTime(ObjectNode o, String name, Instant t) {
        if (t != null) o.put(name, Times.iso(t));
    }
}
