package org.fundrbolt.tickets.promo.domain;

import java.time.Instant;

/**
 * The instants a promo code's {@code valid_from} and {@code expires_at} may hold: 2000-01-01T00:00:00.000Z to
 * 9999-12-31T23:59:59.999Z. PostgreSQL's timestamptz reaches 4713 BC to 294276 AD (and ±infinity), Java's
 * Instant a billion years, but the wire format (four-digit years, UTC, milliseconds) and clients' date parsing
 * only agree inside 0000–9999, and a gala's promotion starting before 2000 is a typo.
 */
public final class TimestampRange {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00.000Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private TimestampRange() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * A stored value brought into the range (null stays null). Only rows written before the range was
     * enforced, or by hand, are outside it; clamping keeps their meaning (long past, far future) and lets
     * them be read and shown instead of failing every listing of their event.
     */
    public static Instant clamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        return instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
    }
}
