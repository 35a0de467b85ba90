package org.happserve.domain;

import java.util.regex.Pattern;

/** A pragmatic address check (RFC 5321 lengths, one @, a dotted domain) and masking for public views. */
public final class Email {
    private static final Pattern SHAPE =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private Email() {}

    public static boolean valid(String s) {
        return s != null && s.length() <= 254 && SHAPE.matcher(s).matches();
    }

    /** {@code a****@example.org}. */
    public static String mask(String email) {
        if (email == null) return null;
        int at = email.indexOf('@');
        if (at <= 0) return "****";
        return email.charAt(0) + "****" + email.substring(at);
    }
}
