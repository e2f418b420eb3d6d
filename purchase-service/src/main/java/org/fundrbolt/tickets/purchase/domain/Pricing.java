package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a sale's price is settled at its claim (API.md, "Sales rules"). {@code packagePrice}: the unit price is the
 * package's price in force at the claim (a checkout, an offline order without its own unit price), not one fixed by
 * the order. {@code windowApplies}: the sale window must hold at the claim (checkout; a coordinator's order is not
 * bound to it). {@code discountType} and {@code discountValue} are the redeemed code's rule (null without a code),
 * so the discount follows the price the claim settles on.
 */
public record Pricing(boolean packagePrice, boolean windowApplies, String discountType, BigDecimal discountValue) {

    /** The discount of {@code basePrice} under the code's rule, as promo-service computes it; without one, {@code quoted}. */
    public BigDecimal discount(BigDecimal basePrice, BigDecimal quoted) {
        if (discountType == null || discountValue == null) {
            return Money.of(quoted.min(basePrice));
        }
        return switch (discountType) {
            case "percentage" -> basePrice.multiply(discountValue).divide(BigDecimal.valueOf(100), 2,
                    RoundingMode.HALF_UP).min(basePrice);
            case "fixed_amount" -> Money.of(discountValue.min(basePrice));
            case "none" -> Money.ZERO;
            default -> Money.of(quoted.min(basePrice));
        };
    }
}
