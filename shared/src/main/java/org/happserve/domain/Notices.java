package org.happserve.domain;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages one change of a complaint owes, rendered from the templates in the recipient's
 * language. Ids are unique within the complaint: the time, the complaint's version and a counter.
 */
final class Notices {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm", Locale.ENGLISH);
    private final Directory directory;
    private final Messages messages;
    private final Complaint complaint;
    private final Instant now;
    private final Map<String, String> extra = new HashMap<>();
    private final List<Notification> out = new ArrayList<>();

    Notices(Directory directory, Messages messages, Complaint complaint, Instant now) {
        this.directory = directory;
        this.messages = messages;
        this.complaint = complaint;
        this.now = now;
    }

    /** Adds a template variable beyond the complaint's own. */
    Notices with(String name, String value) {
        extra.put(name, value);
        return this;
    }

    Notices withTime(String name, Instant t) {
        return with(name, WHEN.format(t.atZone(directory.municipality().zone())));
    }

    Notices smsToOfficer(Officer officer, String template) {
        Language lang = directory.municipality().language();
        return add(Notification.Medium.SMS, Notification.Recipient.OFFICER, officer.mobile(), template, lang);
    }

    Notices emailToOfficer(Officer officer, String template) {
        if (officer.email() == null) return this;
        return add(Notification.Medium.EMAIL, Notification.Recipient.OFFICER, officer.email(), template,
                directory.municipality().language());
    }

    Notices smsToCitizen(String template) {
        Citizen c = complaint.citizen();
        return add(Notification.Medium.SMS, Notification.Recipient.CITIZEN, c.mobile(), template, c.language());
    }

    Notices emailToCitizen(String template) {
        Citizen c = complaint.citizen();
        if (c.email() == null) return this;
        return add(Notification.Medium.EMAIL, Notification.Recipient.CITIZEN, c.email(), template, c.language());
    }

    List<Notification> list() {
        return List.copyOf(out);
    }

    private Notices add(Notification.Medium medium, Notification.Recipient role, String to, String template, Language lang) {
        Map<String, String> vars = vars(lang);
        String id = Times.iso(now) + "-v" + complaint.version() + "-" + (out.size() + 1);
        Notification n = medium == Notification.Medium.SMS
                ? Notification.pending(complaint.number(), id, medium, role, to, template, lang, null,
                        messages.render(lang, "sms." + template, vars), now)
                : Notification.pending(complaint.number(), id, medium, role, to, template, lang,
                        messages.render(lang, "email." + template + ".subject", vars),
                        messages.render(lang, "email." + template + ".body", vars), now);
        out.add(n);
        return this;
    }

    private Map<String, String> vars(Language lang) {
        Municipality m = directory.municipality();
        Category category = directory.category(complaint.category()).orElseThrow();
        Ward ward = directory.ward(complaint.ward()).orElseThrow();
        Map<String, String> v = new HashMap<>();
        v.put("municipality", m.prefix());
        v.put("municipalityName", lang == Language.GU && m.nameGu() != null ? m.nameGu() : m.name());
        v.put("number", complaint.number());
        v.put("category", category.name(lang));
        v.put("ward", lang == Language.GU && ward.nameGu() != null ? ward.nameGu() : ward.name());
        v.put("designation", complaint.assignee().designation());
        v.put("level", Integer.toString(complaint.escalationLevel()));
        v.put("address", complaint.address() == null ? "" : Text.clip(complaint.address()) + ".");
        v.put("due", WHEN.format(complaint.dueAt().atZone(m.zone())));
        v.put("callCentre", m.callCentre() == null ? "" : m.callCentre());
        v.put("sender", m.sms() == null ? m.prefix() : m.sms().senderId());
        v.put("name", complaint.citizen().name());
        v.putAll(extra);
        return v;
    }
}
