package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A promo code as stored, usage counter included; also its JSON shape on the admin API. */
public record PromoCode(UUID id, UUID eventId, String code, String discountType, BigDecimal discountValue,
        Integer maxTotalUses, Integer maxUsesPerDonor, int currentUses, Instant validFrom, Instant expiresAt,
        boolean isActive, List<UUID> packageIds, List<UUID> unlocksPackageIds, long version, Instant createdAt,
        Instant updatedAt) {

    /** The definition without usage, the only part that may be cached. */
    public PromoDefinition definition() {
        return new PromoDefinition(id, eventId, code, discountType, discountValue, maxTotalUses, maxUsesPerDonor,
                validFrom, expiresAt, isActive, packageIds, unlocksPackageIds);
    }
}
