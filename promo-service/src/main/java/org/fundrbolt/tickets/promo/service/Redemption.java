package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.util.UUID;

/** Answer of a redeem: the code that was applied and what it takes off the purchase. */
public record Redemption(UUID promoId, String code, BigDecimal discountAmount) {
}
