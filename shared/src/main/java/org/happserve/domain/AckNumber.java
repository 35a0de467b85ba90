package org.happserve.domain;

import java.time.YearMonth;

/**
 * Acknowledgement numbers: {@code PREFIX-YYMM-NNNNNN}, e.g. {@code GMC-2612-000451}. The sequence
 * restarts each month, which keeps numbers short enough to read over the phone; uniqueness comes
 * from the store's atomic per-month counter.
 */
public final class AckNumber {
    private AckNumber() {}

    public static String format(String prefix, YearMonth month, long sequence) {
        return String.format("%s-%02d%02d-%06d", prefix, month.getYear() % 100, month.getMonthValue(), sequence);
    }

    /** Whether {@code s} has the shape of a number (cheap rejection before any lookup). */
    public static boolean wellFormed(String s) {
        return s != null && s.matches("[A-Z]{2,6}-\\d{4}-\\d{6,9}");
    }
}
