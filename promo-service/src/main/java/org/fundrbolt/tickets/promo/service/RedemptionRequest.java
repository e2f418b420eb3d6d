package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Body of purchase-service's redeem call; {@code base_price} is the purchase's price before discount.
 * {@code attempt_id} (optional) names the attempt of the purchase: a later attempt of the same purchase takes its
 * use over, and a release naming an earlier attempt then gives nothing back.
 */
public record RedemptionRequest(UUID purchaseId, UUID eventId, UUID donorId, String code, UUID packageId,
        Integer quantity, BigDecimal basePrice, UUID attemptId) {
}
