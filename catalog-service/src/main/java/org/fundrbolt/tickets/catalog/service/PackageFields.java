package org.fundrbolt.tickets.catalog.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** The coordinator-editable fields of a package, as a create or PATCH body carries them. */
public record PackageFields(String name, String description, BigDecimal price, Integer quantityLimit,
        Integer displayOrder, Boolean isEnabled, Integer seatsPerPackage, BigDecimal fairMarketValue,
        @JsonDeserialize(using = TimestampText.class) Instant salesStartAt,
        @JsonDeserialize(using = TimestampText.class) Instant salesEndAt, Integer minPerOrder, Integer maxPerOrder,
        String visibility, List<PriceTierFields> priceTiers) {
}
