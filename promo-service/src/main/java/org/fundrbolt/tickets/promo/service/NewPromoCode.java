package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of a create: {@code code, discount_type} required, {@code discount_value} too unless the type is
 * {@code none}, the rest optional.
 */
public record NewPromoCode(String code, String discountType, BigDecimal discountValue, Integer maxTotalUses,
        Integer maxUsesPerDonor, Instant validFrom, Instant expiresAt, Boolean isActive, List<UUID> packageIds,
        List<UUID> unlocksPackageIds) {
}
