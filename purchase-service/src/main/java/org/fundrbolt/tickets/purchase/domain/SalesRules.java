package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A package's sales rules as its snapshot carries them (API.md, "Sales rules"): the sale window (null bounds are
 * open), the quantities one order may buy, whether the package is hidden (bought only with a code that unlocks it)
 * and its price tiers (ends strictly increasing). Which instant they are judged at is the caller's: purchase-service
 * judges a sale at its claim (ARCHITECTURE.md's step 4, see {@code SaleTransaction}).
 */
public record SalesRules(Instant salesStartAt, Instant salesEndAt, int minPerOrder, int maxPerOrder, boolean hidden,
        List<PriceTier> priceTiers) {

    public static final SalesRules NONE = new SalesRules(null, null, 1, 100, false, List.of());

    public SalesRules {
        priceTiers = priceTiers == null ? List.of() : List.copyOf(priceTiers);
    }

    /** Whether the window holds at {@code at}: from its start (inclusive) to its end (exclusive). */
    public boolean onSaleAt(Instant at) {
        return (salesStartAt == null || !at.isBefore(salesStartAt)) && (salesEndAt == null || at.isBefore(salesEndAt));
    }

    /** The price in force at {@code at}: the first tier whose end is still ahead, else {@code price}. */
    public BigDecimal priceAt(BigDecimal price, Instant at) {
        for (PriceTier tier : priceTiers) {
            if (tier.endsAt() != null && at.isBefore(tier.endsAt())) {
                return tier.price();
            }
        }
        return price;
    }

    public boolean allowsQuantity(int quantity) {
        return quantity >= minPerOrder && quantity <= maxPerOrder;
    }
}
