package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One early price of a package (API.md, "Sales rules"): {@code price} is in force until {@code endsAt}. */
public record PriceTier(String label, BigDecimal price, Instant endsAt) {
}
