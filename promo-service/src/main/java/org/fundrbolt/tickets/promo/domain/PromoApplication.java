package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One use of a promo code by one purchase; {@code code} and the discount are the promo code's as it was applied
 * (read from the code's row: once used, neither may change).
 */
public record PromoApplication(UUID id, UUID promoId, String code, String discountType, BigDecimal discountValue,
        UUID purchaseId, UUID eventId, UUID donorId, UUID packageId, int quantity, BigDecimal basePrice,
        BigDecimal discountAmount, String status, UUID attemptId) {

    public static final String REDEEMED = "redeemed";
    public static final String CONFIRMED = "confirmed";
    public static final String RELEASED = "released";
    /** Sold, then fully cancelled: the use is given back for good and counts toward no limit. */
    public static final String RETURNED = "returned";
}
