package org.fundrbolt.tickets.purchase.domain;

/** The inventory row's figures after a successful claim, as the conditional update returned them. */
public record StockClaim(int soldCountAfter, long versionAfter) {
}
