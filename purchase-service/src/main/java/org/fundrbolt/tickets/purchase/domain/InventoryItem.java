package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One package's inventory row: what can be sold, at what price, with which questions, under which sales rules.
 * {@code unitPrice} is the package's base price; {@link #priceAt} is the one in force at an instant.
 */
public record InventoryItem(UUID packageId, UUID eventId, String name, BigDecimal unitPrice, Integer quantityLimit,
        boolean enabled, boolean deleted, int seatsPerPackage, BigDecimal fairMarketValue,
        List<OptionDefinition> options, int soldCount, long version, long catalogVersion, SalesRules rules) {

    public boolean sellable() {
        return enabled && !deleted;
    }

    public BigDecimal priceAt(Instant at) {
        return rules.priceAt(unitPrice, at);
    }
}
