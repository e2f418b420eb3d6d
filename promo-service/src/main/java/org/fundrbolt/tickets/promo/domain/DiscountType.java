package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;

/** How a promo code reduces a purchase's base price; the wire names are those of API.md. */
public enum DiscountType {

    PERCENTAGE("percentage"), FIXED_AMOUNT("fixed_amount");

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
        BigDecimal amount = this == PERCENTAGE ? Money.percentOf(base, value) : Money.cents(value);
        return amount.min(base);
    }
}
