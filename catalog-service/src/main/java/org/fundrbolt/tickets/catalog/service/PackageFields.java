package org.fundrbolt.tickets.catalog.service;

import java.math.BigDecimal;

/** The coordinator-editable fields of a package, as a create or PATCH body carries them. */
public record PackageFields(String name, String description, BigDecimal price, Integer quantityLimit,
        Integer displayOrder, Boolean isEnabled, Integer seatsPerPackage, BigDecimal fairMarketValue) {
}
