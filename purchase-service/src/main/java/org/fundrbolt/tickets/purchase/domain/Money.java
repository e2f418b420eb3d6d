package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money rules of API.md: BigDecimal, two decimals, HALF_UP. */
public final class Money {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    public static BigDecimal of(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal times(BigDecimal unit, int quantity) {
        return of(unit.multiply(BigDecimal.valueOf(quantity)));
    }

    /** {@code max(0, total - fairMarketValue × quantity)}, or null when the value is not stated. */
    public static BigDecimal taxDeductible(BigDecimal total, BigDecimal fairMarketValue, int quantity) {
        if (fairMarketValue == null) {
            return null;
        }
        return of(total.subtract(fairMarketValue.multiply(BigDecimal.valueOf(quantity))).max(BigDecimal.ZERO));
    }
}
