package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Body of a PATCH. Each accessor answers {@code null} when the field was absent (leave unchanged),
 * {@link Optional#empty()} for an explicit JSON {@code null} (clear) and the value otherwise. Setters record
 * presence because Jackson cannot tell "absent" from "null" for record components.
 */
public class PromoCodeChanges {

    private Optional<String> code;
    private Optional<String> discountType;
    private Optional<BigDecimal> discountValue;
    private Optional<Integer> maxTotalUses;
    private Optional<Integer> maxUsesPerDonor;
    private Optional<Instant> validFrom;
    private Optional<Instant> expiresAt;
    private Optional<Boolean> isActive;
    private Optional<List<UUID>> packageIds;

    public Optional<String> code() {
        return code;
    }

    public void setCode(String code) {
        this.code = Optional.ofNullable(code);
    }

    public Optional<String> discountType() {
        return discountType;
    }

    public void setDiscountType(String discountType) {
        this.discountType = Optional.ofNullable(discountType);
    }

    public Optional<BigDecimal> discountValue() {
        return discountValue;
    }

    public void setDiscountValue(BigDecimal discountValue) {
        this.discountValue = Optional.ofNullable(discountValue);
    }

    public Optional<Integer> maxTotalUses() {
        return maxTotalUses;
    }

    public void setMaxTotalUses(Integer maxTotalUses) {
        this.maxTotalUses = Optional.ofNullable(maxTotalUses);
    }

    public Optional<Integer> maxUsesPerDonor() {
        return maxUsesPerDonor;
    }

    public void setMaxUsesPerDonor(Integer maxUsesPerDonor) {
        this.maxUsesPerDonor = Optional.ofNullable(maxUsesPerDonor);
    }

    public Optional<Instant> validFrom() {
        return validFrom;
    }

    public void setValidFrom(Instant validFrom) {
        this.validFrom = Optional.ofNullable(validFrom);
    }

    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = Optional.ofNullable(expiresAt);
    }

    public Optional<Boolean> isActive() {
        return isActive;
    }

    public void setIsActive(Boolean isActive) {
        this.isActive = Optional.ofNullable(isActive);
    }

    public Optional<List<UUID>> packageIds() {
        return packageIds;
    }

    public void setPackageIds(List<UUID> packageIds) {
        this.packageIds = Optional.ofNullable(packageIds);
    }
}
