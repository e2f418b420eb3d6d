package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as the API wants it: {@code BigDecimal} rounded HALF_UP to cents, never {@code double}. */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");
    public static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");

    private Money() {
    }

    public static BigDecimal cents(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** True when the amount needs more than two decimals ({@code 1.005}); {@code 1.500} is fine. */
    public static boolean hasMoreThanCents(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() > 2;
    }

    /** The audit log's text form: {@code "150.00"}. */
    public static String text(BigDecimal amount) {
        return amount == null ? null : cents(amount).toPlainString();
    }
}
