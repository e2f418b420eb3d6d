package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a promo code promises, without its usage counter: the cacheable part, since usage limits
 * are always checked against the database.
 */
public record PromoDefinition(UUID id, UUID eventId, String code, String discountType, BigDecimal discountValue,
        Integer maxTotalUses, Integer maxUsesPerDonor, Instant validFrom, Instant expiresAt, boolean isActive,
        List<UUID> packageIds, List<UUID> unlocksPackageIds) {

    /** Active and inside its validity window at {@code now}. */
    public boolean isUsableAt(Instant now) {
        return isActive && (validFrom == null || !validFrom.isAfter(now))
                && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** Whether a use can be refused for its count: then validate asks the database how many are left. */
    public boolean hasUsageLimits() {
        return maxTotalUses != null || maxUsesPerDonor != null;
    }

    /** An empty scope is every package of the event; a code always applies to the packages it unlocks. */
    public boolean appliesTo(UUID packageId) {
        return packageIds.isEmpty() || packageIds.contains(packageId) || unlocksPackageIds.contains(packageId);
    }

    /** The hidden packages the code shows: those it unlocks while it is usable, none otherwise. */
    public List<UUID> unlockedAt(Instant now) {
        return isUsableAt(now) ? unlocksPackageIds : List.of();
    }

    public BigDecimal discountOn(BigDecimal basePrice) {
        return DiscountType.fromWire(discountType).discount(discountValue, basePrice);
    }
}
