package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A ticket package of an event, as the coordinator defines it, with its options and live sold count. */
public class TicketPackage {

    public UUID id;
    public UUID eventId;
    public String name;
    public String description;
    public BigDecimal price;
    public Integer quantityLimit;
    public int displayOrder;
    public boolean enabled;
    public int seatsPerPackage;
    public BigDecimal fairMarketValue;
    public String imageUrl;
    /** The sales window; null = unbounded on that side. */
    public Instant salesStartAt;
    public Instant salesEndAt;
    public int minPerOrder = SalesRules.MIN_PER_ORDER;
    public int maxPerOrder = SalesRules.MAX_PER_ORDER;
    /** {@link SalesRules#PUBLIC} or {@link SalesRules#HIDDEN}. */
    public String visibility = SalesRules.PUBLIC;
    /** Early-bird prices, {@code endsAt} strictly increasing; never null. */
    public List<PriceTier> priceTiers = List.of();
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    /** From the sales projection; never written by package changes. */
    public int soldCount;
    public List<CustomOption> options = new ArrayList<>();

    /** {@code max(0, limit - sold)}, or null when unlimited. */
    public Integer available() {
        return quantityLimit == null ? null : Math.max(0, quantityLimit - soldCount);
    }

    public boolean onSale(Instant now) {
        return SalesRules.onSale(enabled, salesStartAt, salesEndAt, now);
    }

    public BigDecimal currentPrice(Instant now) {
        return SalesRules.currentPrice(price, priceTiers, now);
    }

    public boolean hidden() {
        return SalesRules.HIDDEN.equals(visibility);
    }
}
