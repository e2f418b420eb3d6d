package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;

/** What a sale reads of a package's inventory row inside its transaction. */
public record Stock(String packageName, Integer quantityLimit, boolean sellable, BigDecimal fairMarketValue,
        int soldCount, long version) {
}
