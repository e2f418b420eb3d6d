package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The fields of a promo code PATCH, read strictly; which of them were sent is in the platform's
 * {@code Patch} that carries it (absent = unchanged, null = clear where the field may be empty).
 */
public record PromoCodeChanges(String code, String discountType, BigDecimal discountValue, Integer maxTotalUses,
        Integer maxUsesPerDonor, Instant validFrom, Instant expiresAt, Boolean isActive, List<UUID> packageIds,
        List<UUID> unlocksPackageIds) {
}
