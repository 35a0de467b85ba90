package org.happserve.domain;

import java.util.List;

/** Checks for free text typed by people: present, bounded, and free of control characters. */
public final class Text {
    private Text() {}

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public static String required(String s, String field, int max, boolean multiline, List<FieldError> errors) {
        if (isBlank(s)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return checked(s.strip(), field, max, multiline, errors);
    }

    public static String optional(String s, String field, int max, List<FieldError> errors) {
        return isBlank(s) ? null : checked(s.strip(), field, max, false, errors);
    }

    private static String checked(String s, String field, int max, boolean multiline, List<FieldError> errors) {
        if (s.codePointCount(0, s.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        boolean control = s.codePoints().anyMatch(c -> Character.isISOControl(c)
                && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
        if (control) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return null;
        }
        return s;
    }

    /** Echoes user input in an error message or SMS without letting it grow unbounded. */
    public static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
