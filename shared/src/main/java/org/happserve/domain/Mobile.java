package org.happserve.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** Indian mobile numbers: accepted as 10 digits (optionally 0-, 91- or +91-prefixed), stored as E.164. */
public final class Mobile {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    // Indian mobile numbers start with 6, 7, 8 or 9.
    private static final Pattern TEN_DIGITS = Pattern.compile("[6-9]\\d{9}");

    private Mobile() {}

    /** The E.164 form ({@code +91XXXXXXXXXX}), or empty when the input is not an Indian mobile number. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.length() > 20) return Optional.empty();
        String s = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (s.startsWith("+91")) s = s.substring(3);
        else if (s.length() == 12 && s.startsWith("91")) s = s.substring(2);
        else if (s.length() == 11 && s.startsWith("0")) s = s.substring(1);
        return TEN_DIGITS.matcher(s).matches() ? Optional.of("+91" + s) : Optional.empty();
    }

    /** Keeps the country code and the last four digits: {@code +91******3210}. */
    public static String mask(String e164) {
        if (e164 == null) return null;
        if (e164.length() <= 7) return "*".repeat(e164.length());
        return e164.substring(0, 3) + "*".repeat(e164.length() - 7) + e164.substring(e164.length() - 4);
    }
}
