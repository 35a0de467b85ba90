package org.happserve.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width ISO-8601 UTC with milliseconds, so that their text sorts in time order
 * (the stores' sort keys rely on it).
 */
public final class Times {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    public static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
