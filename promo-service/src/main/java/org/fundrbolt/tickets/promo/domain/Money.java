package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money arithmetic of API.md: {@link BigDecimal}, two decimals, rounded HALF_UP to cents. */
public final class Money {

    public static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** True when the amount has no more than two significant decimals ({@code 10.50} and {@code 10.500} pass). */
    public static boolean hasAtMostTwoDecimals(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= SCALE;
    }

    /** {@code percent} % of {@code base}, rounded once, at the end. */
    public static BigDecimal percentOf(BigDecimal base, BigDecimal percent) {
        return base.multiply(percent).divide(HUNDRED, SCALE, RoundingMode.HALF_UP);
    }
}
