package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.util.UUID;

/** Body of purchase-service's redeem call; {@code base_price} is the purchase's price before discount. */
public record RedemptionRequest(UUID purchaseId, UUID eventId, UUID donorId, String code, UUID packageId,
        Integer quantity, BigDecimal basePrice) {
}
