package org.happserve.aws;

import java.util.HashMap;
import java.util.Map;
import org.happserve.domain.Assignee;
import org.happserve.domain.Channel;
import org.happserve.domain.Citizen;
import org.happserve.domain.Complaint;
import org.happserve.domain.Language;
import org.happserve.domain.Location;
import org.happserve.domain.Notification;
import org.happserve.domain.Status;
import org.happserve.domain.TimelineEntry;
import org.happserve.domain.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single-table item layout. A complaint's partition {@code C#<number>} holds the complaint
 * ({@code sk = A}), its timeline ({@code T#<at>#<n>}) and its messages ({@code N#<id>}), so one
 * Query reads all of it. Index attributes: {@code citizenMobile}, {@code ward}, {@code category},
 * {@code status} (with {@code registeredAt}); {@code inboxOfficer} and {@code openKey} (with
 * {@code dueAt}) only while open; {@code pendingKey} (with {@code nextAttemptAt}) only on messages
 * still to send.
 */
final class ComplaintItems {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String META = "A";
    static final String PENDING = "PENDING";

    private ComplaintItems() {}

    static String pk(String number) {
        return "C#" + number;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static Map<String, AttributeValue> complaint(Complaint c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(pk(c.number())));
        m.put(SK, s(META));
        m.put("type", s("COMPLAINT"));
        m.put("number", s(c.number()));
        m.put("status", s(c.status().name()));
        m.put("escalationLevel", n(c.escalationLevel()));
        m.put("reopenCount", n(c.reopenCount()));
        m.put("ward", s(c.ward()));
        m.put("category", s(c.category()));
        m.put("department", s(c.department()));
        m.put("description", s(c.description()));
        put(m, "address", c.address());
        if (c.location() != null) {
            m.put("lat", AttributeValue.fromN(Double.toString(c.location().lat())));
            m.put("lng", AttributeValue.fromN(Double.toString(c.location().lng())));
        }
        m.put("channel", s(c.channel().name()));
        m.put("citizenName", s(c.citizen().name()));
        m.put("citizenMobile", s(c.citizen().mobile()));
        put(m, "citizenEmail", c.citizen().email());
        m.put("language", s(c.citizen().language().code()));
        m.put("assigneeOfficerId", s(c.assignee().officerId()));
        m.put("assigneeName", s(c.assignee().name()));
        m.put("assigneeDesignation", s(c.assignee().designation()));
        m.put("assigneeLevel", n(c.assignee().level()));
        m.put("registeredAt", s(Times.iso(c.registeredAt())));
        m.put("dueAt", s(Times.iso(c.dueAt())));
        put(m, "closedAt", Times.iso(c.closedAt()));
        put(m, "resolution", c.resolution());
        put(m, "reopenableUntil", Times.iso(c.reopenableUntil()));
        m.put("registeredBy", s(c.registeredBy()));
        m.put("version", n(c.version()));
        if (c.status() == Status.OPEN) {
            m.put("inboxOfficer", s(c.assignee().officerId()));
            m.put("openKey", s(Status.OPEN.name()));
        }
        return m;
    }

    static Complaint complaint(Map<String, AttributeValue> m) {
        Location location = m.containsKey("lat")
                ? new Location(Double.parseDouble(m.get("lat").n()), Double.parseDouble(m.get("lng").n())) : null;
        return new Complaint(str(m, "number"), Status.valueOf(str(m, "status")), num(m, "escalationLevel"),
                num(m, "reopenCount"), str(m, "ward"), str(m, "category"), str(m, "department"),
                str(m, "description"), str(m, "address"), location, Channel.valueOf(str(m, "channel")),
                new Citizen(str(m, "citizenName"), str(m, "citizenMobile"), str(m, "citizenEmail"),
                        Language.fromCode(str(m, "language"))),
                new Assignee(str(m, "assigneeOfficerId"), str(m, "assigneeName"), str(m, "assigneeDesignation"),
                        num(m, "assigneeLevel")),
                Times.parse(str(m, "registeredAt")), Times.parse(str(m, "dueAt")), Times.parse(str(m, "closedAt")),
                str(m, "resolution"), Times.parse(str(m, "reopenableUntil")), str(m, "registeredBy"),
                Long.parseLong(m.get("version").n()));
    }

    /** Sort key: time, then the complaint version the entry was written with, then its place in that write. */
    static Map<String, AttributeValue> timeline(String number, TimelineEntry e, long version, int seq) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(pk(number)));
        m.put(SK, s("T#" + Times.iso(e.at()) + "#" + String.format("%06d#%02d", version, seq)));
        m.put("type", s("TIMELINE"));
        m.put("at", s(Times.iso(e.at())));
        m.put("entryType", s(e.type()));
        m.put("actor", s(e.actor()));
        m.put("text", s(e.text()));
        m.put("internal", AttributeValue.fromBool(e.internal()));
        return m;
    }

    static TimelineEntry timeline(Map<String, AttributeValue> m) {
        return new TimelineEntry(Times.parse(str(m, "at")), str(m, "entryType"), str(m, "actor"), str(m, "text"),
                m.get("internal").bool());
    }

    static Map<String, AttributeValue> notification(Notification x) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(pk(x.number())));
        m.put(SK, s("N#" + x.id()));
        m.put("type", s("NOTIFICATION"));
        m.put("number", s(x.number()));
        m.put("id", s(x.id()));
        m.put("medium", s(x.medium().name()));
        m.put("recipientRole", s(x.recipientRole().name()));
        m.put("to", s(x.to()));
        m.put("template", s(x.template()));
        m.put("language", s(x.language().code()));
        put(m, "subject", x.subject());
        m.put("body", s(x.body()));
        m.put("state", s(x.state().name()));
        m.put("attempts", n(x.attempts()));
        m.put("createdAt", s(Times.iso(x.createdAt())));
        put(m, "nextAttemptAt", Times.iso(x.nextAttemptAt()));
        put(m, "sentAt", Times.iso(x.sentAt()));
        put(m, "lastError", x.lastError() == null ? null : x.lastError().substring(0, Math.min(500, x.lastError().length())));
        put(m, "providerId", x.providerId());
        if (x.state() == Notification.State.PENDING) m.put("pendingKey", s(PENDING));
        return m;
    }

    static Notification notification(Map<String, AttributeValue> m) {
        return new Notification(str(m, "number"), str(m, "id"), Notification.Medium.valueOf(str(m, "medium")),
                Notification.Recipient.valueOf(str(m, "recipientRole")), str(m, "to"), str(m, "template"),
                Language.fromCode(str(m, "language")), str(m, "subject"), str(m, "body"),
                Notification.State.valueOf(str(m, "state")), num(m, "attempts"), Times.parse(str(m, "createdAt")),
                Times.parse(str(m, "nextAttemptAt")), Times.parse(str(m, "sentAt")), str(m, "lastError"),
                str(m, "providerId"));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static void put(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) m.put(name, s(value));
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }

    private static int num(Map<String, AttributeValue> m, String name) {
        return Integer.parseInt(m.get(name).n());
    }
}
