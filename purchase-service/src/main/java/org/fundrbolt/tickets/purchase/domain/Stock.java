package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a sale reads of a package's inventory row inside its transaction, with the row locked: the stock, the base
 * price and the sales rules, and {@code claimedAt}, the instant of purchase-service's database clock at which the
 * claim is decided (the window and the tier in force are judged at it, and it is the purchases' created_at).
 */
public record Stock(String packageName, Integer quantityLimit, boolean sellable, BigDecimal fairMarketValue,
        int soldCount, long version, BigDecimal unitPrice, SalesRules rules, Instant claimedAt) {
}
