package org.happserve.domain;

/** A request the rules refuse: the caller may not do it, or the complaint's state does not allow it. */
public class Refusal extends RuntimeException {
    public enum Kind { FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public Refusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, message);
    }

    /** Unknown complaint, or a citizen's mobile that does not match: one answer for both. */
    public static Refusal notFound() {
        return new Refusal(Kind.NOT_FOUND, "no complaint with this number and mobile");
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
