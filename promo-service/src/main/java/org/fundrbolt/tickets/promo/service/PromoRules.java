package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.promo.domain.DiscountType;
import org.fundrbolt.tickets.promo.domain.Money;
import org.fundrbolt.tickets.promo.domain.PromoCode;
import org.fundrbolt.tickets.promo.domain.TimestampRange;

/** The rules a promo code definition must keep (API.md, "Promo codes"), one method per rule set. */
public final class PromoRules {

    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,50}");
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("9999999999.99");
    private static final String NOT_NULL = "must not be null";
    private static final String UNLOCKS = "unlocks_package_ids";

    private PromoRules() {
    }

    /**
     * A code as stored and shown: upper-case. Only a well-formed (ASCII) code is upper-cased: Java's case mapping
     * turns 'ß' into "SS" and the ligature 'ﬀ' into "FF", so a code typed with them would pass the check as the
     * letters it resembles; left as sent, it is refused.
     */
    public static String normalise(String code) {
        return isWellFormedCode(code) ? code.toUpperCase(Locale.ROOT) : code;
    }

    public static boolean isWellFormedCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** Stored timestamps carry milliseconds, as the API shows them. */
    public static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Every broken rule of a complete definition, one entry per field. */
    public static List<FieldError> check(PromoCode promo) {
        List<FieldError> errors = new ArrayList<>();
        if (promo.code() == null) {
            errors.add(new FieldError("code", NOT_NULL));
        } else if (!isWellFormedCode(promo.code())) {
            errors.add(new FieldError("code", "must be 3 to 50 characters of A-Z, 0-9, '-' and '_'"));
        }
        DiscountType type = DiscountType.fromWire(promo.discountType());
        if (promo.discountType() == null) {
            errors.add(new FieldError("discount_type", NOT_NULL));
        } else if (type == null) {
            errors.add(new FieldError("discount_type", "must be 'percentage', 'fixed_amount' or 'none'"));
        }
        BigDecimal value = promo.discountValue();
        if (value == null) {
            errors.add(new FieldError("discount_value", NOT_NULL));
        } else if (type == DiscountType.NONE) {
            if (value.signum() != 0) {
                errors.add(new FieldError("discount_value", "must be 0, null or absent for discount_type 'none'"));
            }
        } else if (!Money.hasAtMostTwoDecimals(value)) {
            errors.add(new FieldError("discount_value", "must have at most two decimals"));
        } else if (value.signum() <= 0) {
            errors.add(new FieldError("discount_value", "must be greater than 0"));
        } else if (type == DiscountType.PERCENTAGE && value.compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(new FieldError("discount_value", "a percentage must be at most 100"));
        } else if (value.compareTo(LARGEST_AMOUNT) > 0) {
            errors.add(new FieldError("discount_value", "must be at most " + LARGEST_AMOUNT));
        }
        if (promo.maxTotalUses() != null && promo.maxTotalUses() < 1) {
            errors.add(new FieldError("max_total_uses", "must be at least 1, or null for unlimited"));
        }
        if (promo.maxUsesPerDonor() != null && promo.maxUsesPerDonor() < 1) {
            errors.add(new FieldError("max_uses_per_donor", "must be at least 1, or null for unlimited"));
        }
        boolean validFromInRange = inRange(errors, "valid_from", promo.validFrom());
        boolean expiresAtInRange = inRange(errors, "expires_at", promo.expiresAt());
        if (validFromInRange && expiresAtInRange && promo.validFrom() != null && promo.expiresAt() != null
                && !promo.expiresAt().isAfter(promo.validFrom())) {
            errors.add(new FieldError("expires_at", "must be after valid_from"));
        }
        if (promo.packageIds() == null) {
            errors.add(new FieldError("package_ids", NOT_NULL));
        } else if (promo.packageIds().stream().anyMatch(Objects::isNull)) {
            errors.add(new FieldError("package_ids", "must not contain null"));
        }
        List<UUID> unlocks = promo.unlocksPackageIds();
        if (unlocks == null) {
            errors.add(new FieldError(UNLOCKS, NOT_NULL));
        } else if (unlocks.stream().anyMatch(Objects::isNull)) {
            errors.add(new FieldError(UNLOCKS, "must not contain null"));
        } else if (unlocks.stream().distinct().count() < unlocks.size()) {
            errors.add(new FieldError(UNLOCKS, "must not name a package twice"));
        }
        return errors;
    }

    /**
     * The discount value as it is kept: a pure access code ({@code none}) sent without one, or with null, has 0.
     * Any other type keeps what was sent, so that a missing value is reported.
     */
    public static BigDecimal discountValue(String discountType, BigDecimal sent) {
        return sent == null && DiscountType.NONE.wireName().equals(discountType) ? BigDecimal.ZERO : sent;
    }

    /** Whether an optional timestamp is absent or inside {@link TimestampRange}; adds the field's error if not. */
    private static boolean inRange(List<FieldError> errors, String field, Instant instant) {
        if (instant == null || TimestampRange.contains(instant)) {
            return true;
        }
        errors.add(new FieldError(field, "must be between " + TimestampRange.EARLIEST + " and "
                + TimestampRange.LATEST + ", or null for no bound"));
        return false;
    }

    /**
     * What may no longer change once the code has been used: its code and discount (the sales already made
     * name them) and a total limit below the uses already counted.
     */
    public static List<FieldError> checkChangeOfUsedCode(PromoCode before, PromoCode after) {
        List<FieldError> errors = new ArrayList<>();
        if (before.currentUses() > 0) {
            String reason = "cannot change once the code has been used; create a new code instead";
            if (!before.code().equals(after.code())) {
                errors.add(new FieldError("code", reason));
            }
            if (!before.discountType().equals(after.discountType())) {
                errors.add(new FieldError("discount_type", reason));
            }
            if (after.discountValue() != null && before.discountValue().compareTo(after.discountValue()) != 0) {
                errors.add(new FieldError("discount_value", reason));
            }
        }
        if (after.maxTotalUses() != null && after.maxTotalUses() < before.currentUses()) {
            errors.add(new FieldError("max_total_uses",
                    "must not be below the " + before.currentUses() + " uses already counted"));
        }
        return errors;
    }

    static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? null : ids.stream().distinct().toList();
    }
}
