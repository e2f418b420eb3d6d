package org.fundrbolt.tickets.promo.messaging;

import java.math.BigDecimal;
import java.util.UUID;

/** The fields promo-service needs of catalog-service's package snapshot on {@code catalog.packages}. */
public record PackageSnapshot(UUID messageId, String eventType, UUID packageId, UUID eventId, Long version,
        Boolean deleted, BigDecimal price) {
}
