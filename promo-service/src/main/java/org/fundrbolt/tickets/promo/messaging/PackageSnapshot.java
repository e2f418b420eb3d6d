package org.fundrbolt.tickets.promo.messaging;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.promo.domain.PriceTier;

/**
 * The fields promo-service needs of catalog-service's package snapshot on {@code catalog.packages};
 * {@code price_tiers} is absent from snapshots written before the sales rules (then none).
 */
public record PackageSnapshot(UUID messageId, String eventType, UUID packageId, UUID eventId, Long version,
        Boolean deleted, BigDecimal price, List<PriceTier> priceTiers) {
}
