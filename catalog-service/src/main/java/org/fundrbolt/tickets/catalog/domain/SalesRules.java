package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a package's sales rules mean at an instant (API.md, "Sales rules"): whether it is on sale and which price is in
 * force. Pure functions of the package and the clock, so every answer computes them at the time it is given.
 */
public final class SalesRules {

    public static final String PUBLIC = "public";
    public static final String HIDDEN = "hidden";
    public static final int MIN_PER_ORDER = 1;
    public static final int MAX_PER_ORDER = 100;
    public static final int MAX_TIERS = 5;
    /**
     * The instants a sales window or a tier may hold: the wire format (four-digit years, UTC, milliseconds) and
     * clients' date parsing agree only inside 0000–9999, and a gala's sale before 2000 is a typo.
     */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00.000Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private SalesRules() {
    }

    /** Enabled, and {@code now} is inside the window: from its start (inclusive) to its end (exclusive). */
    public static boolean onSale(boolean enabled, Instant salesStartAt, Instant salesEndAt, Instant now) {
        return enabled && (salesStartAt == null || !salesStartAt.isAfter(now))
                && (salesEndAt == null || now.isBefore(salesEndAt));
    }

    /** The price of the first tier still running at {@code now} (its {@code ends_at} ahead), else the base price. */
    public static BigDecimal currentPrice(BigDecimal price, List<PriceTier> tiers, Instant now) {
        for (PriceTier tier : tiers) {
            if (tier.endsAt().isAfter(now)) {
                return tier.price();
            }
        }
        return price;
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
