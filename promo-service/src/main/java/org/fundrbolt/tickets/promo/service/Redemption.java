package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Answer of a redeem or a check: the code that was applied, its discount (purchase-service recomputes the amount with
 * the price in force when its claim commits) and what it takes off the base price that was sent.
 */
public record Redemption(UUID promoId, String code, String discountType, BigDecimal discountValue,
        BigDecimal discountAmount) {
}
