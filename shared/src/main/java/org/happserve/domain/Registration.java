package org.happserve.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The registration rules: what a valid complaint is, and what registering one means — routed to
 * the area officer of (ward, category's department), due after the category's SLA, on the
 * timeline, with messages owed to the officer and the citizen.
 */
public final class Registration {
    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 2000;
    public static final int ADDRESS_MAX = 300;
    public static final int MAX_PER_INTAKE = 10;

    /** Raw citizen fields as received; null where absent. */
    public record CitizenInput(String name, String mobile, String email, String language) {}

    /** Raw complaint fields as received; null where absent. */
    public record ComplaintInput(String ward, String category, String description, String address, Double lat, Double lng) {}

    private Registration() {}

    public static Citizen citizen(CitizenInput in, Directory directory, String path, List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(path, "is required"));
            return null;
        }
        String name = Text.required(in.name(), path + ".name", NAME_MAX, false, errors);
        String mobile = null;
        if (Text.isBlank(in.mobile())) {
            errors.add(new FieldError(path + ".mobile", "is required"));
        } else {
            mobile = Mobile.normalize(in.mobile()).orElse(null);
            if (mobile == null) {
                errors.add(new FieldError(path + ".mobile", "must be an Indian mobile number: 10 digits starting with 6-9, optionally with +91"));
            }
        }
        String email = null;
        if (!Text.isBlank(in.email())) {
            email = in.email().strip();
            if (!Email.valid(email)) errors.add(new FieldError(path + ".email", "must be a valid email address"));
        }
        Language language = directory.municipality().language();
        if (!Text.isBlank(in.language())) {
            try {
                language = Language.fromCode(in.language().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path + ".language", "must be one of en, gu"));
            }
        }
        return new Citizen(name, mobile, email, language);
    }

    public static ComplaintDraft complaint(ComplaintInput in, Directory directory, String path, List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(path, "is required"));
            return null;
        }
        String ward = Text.required(in.ward(), path + ".ward", 20, false, errors);
        if (ward != null && directory.ward(ward).isEmpty()) {
            errors.add(new FieldError(path + ".ward", "unknown ward '" + Text.clip(ward) + "'; see GET /v1/catalog"));
        }
        String category = Text.required(in.category(), path + ".category", 40, false, errors);
        if (category != null && directory.category(category).isEmpty()) {
            errors.add(new FieldError(path + ".category", "unknown category '" + Text.clip(category) + "'; see GET /v1/catalog"));
        }
        String description = Text.required(in.description(), path + ".description", DESCRIPTION_MAX, true, errors);
        String address = Text.optional(in.address(), path + ".address", ADDRESS_MAX, errors);
        Location location = null;
        if (in.lat() != null || in.lng() != null) {
            if (in.lat() == null || in.lng() == null) {
                errors.add(new FieldError(path + ".location", "needs both lat and lng"));
            } else if (!(in.lat() >= -90 && in.lat() <= 90)) {
                errors.add(new FieldError(path + ".location.lat", "must be between -90 and 90"));
            } else if (!(in.lng() >= -180 && in.lng() <= 180)) {
                errors.add(new FieldError(path + ".location.lng", "must be between -180 and 180"));
            } else {
                location = new Location(in.lat(), in.lng());
            }
        }
        return new ComplaintDraft(ward, category, description, address, location);
    }

    /** Routes, times and numbers a complaint, and lists the messages it owes. */
    public static NewComplaint open(Directory directory, Messages messages, String number, Citizen citizen,
                                    ComplaintDraft draft, Channel channel, String actor, Instant now,
                                    double timeScale) {
        Category category = directory.category(draft.category()).orElseThrow();
        Ward ward = directory.ward(draft.ward()).orElseThrow();
        Officer officer = directory.officerFor(ward.code(), category.department(), 0);
        Instant dueAt = now.plus(category.slaAt(0, timeScale));
        Complaint complaint = new Complaint(number, Status.OPEN, 0, 0, ward.code(), category.code(),
                category.department(), draft.description(), draft.address(), draft.location(), channel, citizen,
                Assignee.of(officer), now, dueAt, null, null, null, actor, 1);

        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(now, TimelineEntry.REGISTERED, actor,
                        "Registered via " + channel + " in " + ward.name() + ": " + category.name(), false),
                new TimelineEntry(now, TimelineEntry.ASSIGNED, "system",
                        "Assigned to " + officer.designation() + " (level 0), due " + Times.iso(dueAt), false));

        List<Notification> notes = new Notices(directory, messages, complaint, now)
                .smsToOfficer(officer, "OFFICER_ASSIGNED")
                .smsToCitizen("CITIZEN_REGISTERED")
                .emailToCitizen("CITIZEN_REGISTERED")
                .list();
        return new NewComplaint(complaint, timeline, notes, Stats.registered(complaint, directory.municipality().zone()));
    }
}
