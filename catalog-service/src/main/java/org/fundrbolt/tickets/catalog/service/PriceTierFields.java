package org.fundrbolt.tickets.catalog.service;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** One entry of {@code price_tiers} as a create or PATCH body carries it (unknown fields are refused like elsewhere). */
public record PriceTierFields(String label, BigDecimal price,
        @JsonDeserialize(using = TimestampText.class) Instant endsAt) {
}
