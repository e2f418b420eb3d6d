package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket package as last seen on {@code catalog.packages}; {@code priceTiers} in the catalog's order. */
public record KnownPackage(UUID packageId, UUID eventId, BigDecimal price, List<PriceTier> priceTiers,
        boolean deleted, long version) {

    /** The price in force at {@code now}: the first tier whose {@code ends_at} is still ahead, else the price. */
    public BigDecimal currentPrice(Instant now) {
        for (PriceTier tier : priceTiers) {
            if (tier.endsAt().isAfter(now)) {
                return tier.price();
            }
        }
        return price;
    }
}
