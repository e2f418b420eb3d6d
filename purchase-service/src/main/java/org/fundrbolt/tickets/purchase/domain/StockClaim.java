package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;

/**
 * The inventory row's figures after a successful claim or cancellation, as the conditional update returned them:
 * the package's cumulative figures (ARCHITECTURE.md, Events).
 */
public record StockClaim(int soldCountAfter, long versionAfter, long ticketsAfter, BigDecimal revenueAfter,
        BigDecimal refundedAfter, BigDecimal donationsAfter, long cancelledTicketsAfter) {
}
