package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answer of validate; {@code discount_amount} only when the package and quantity were given. */
public record Validation(boolean valid, String code, String discountType, BigDecimal discountValue,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal discountAmount) {
}
