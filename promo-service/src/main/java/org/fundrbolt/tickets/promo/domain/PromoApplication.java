package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** One use of a promo code by one purchase; {@code code} is the promo code as it was applied. */
public record PromoApplication(UUID id, UUID promoId, String code, UUID purchaseId, UUID eventId, UUID donorId,
        UUID packageId, int quantity, BigDecimal basePrice, BigDecimal discountAmount, String status) {

    public static final String REDEEMED = "redeemed";
    public static final String CONFIRMED = "confirmed";
    public static final String RELEASED = "released";
    /** Sold, then fully cancelled: the use is given back for good and counts toward no limit. */
    public static final String RETURNED = "returned";
}
