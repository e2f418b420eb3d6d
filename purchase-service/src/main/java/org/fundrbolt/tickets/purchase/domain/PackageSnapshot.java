package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A catalog.packages event: the full package as the catalog committed it (ARCHITECTURE.md, Events). */
public record PackageSnapshot(UUID messageId, UUID packageId, UUID eventId, long version, boolean deleted,
        String name, BigDecimal price, Integer quantityLimit, Integer displayOrder, Boolean isEnabled,
        Integer seatsPerPackage,
        BigDecimal fairMarketValue, List<OptionDefinition> customOptions) {
}
