package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;

/** The inventory row's figures after a successful claim, as the conditional update returned them. */
public record StockClaim(int soldCountAfter, long versionAfter, long ticketsAfter, BigDecimal revenueAfter) {
}
