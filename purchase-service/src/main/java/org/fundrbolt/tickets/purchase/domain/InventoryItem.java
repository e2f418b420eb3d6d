package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** One package's inventory row: what can be sold, at what price, with which questions. */
public record InventoryItem(UUID packageId, UUID eventId, String name, BigDecimal unitPrice, Integer quantityLimit,
        boolean enabled, boolean deleted, int seatsPerPackage, BigDecimal fairMarketValue,
        List<OptionDefinition> options, int soldCount, long version, long catalogVersion) {

    public boolean sellable() {
        return enabled && !deleted;
    }
}
