package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;

/**
 * How a promo code reduces a purchase's base price; the wire names are those of API.md. {@code none} is a pure
 * access code (it unlocks hidden packages) that takes nothing off.
 */
public enum DiscountType {

    PERCENTAGE("percentage"), FIXED_AMOUNT("fixed_amount"), NONE("none");

    private final String wireName;

    DiscountType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DiscountType fromWire(String name) {
        for (DiscountType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** The amount taken off {@code basePrice}; never more than the base, so a total is never negative. */
    public BigDecimal discount(BigDecimal value, BigDecimal basePrice) {
        BigDecimal base = Money.cents(basePrice);
        BigDecimal amount = switch (this) {
            case PERCENTAGE -> Money.percentOf(base, value);
            case FIXED_AMOUNT -> Money.cents(value);
            case NONE -> Money.cents(BigDecimal.ZERO);
        };
        return amount.min(base);
    }
}
