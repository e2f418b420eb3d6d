package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** An early-bird price of a package: {@code price} is in force until {@code ends_at} (API.md, "Sales rules"). */
public record PriceTier(String label, BigDecimal price, Instant endsAt) {
}
