package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The purchase.sales event of one committed purchase (ARCHITECTURE.md, Events), with the package's cumulative
 * figures after it ({@code revenue_after}, {@code tickets_after}), so that any later event repairs a projection
 * that missed one.
 */
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId, int quantity,
        int tickets, BigDecimal totalPrice, int soldCountAfter, long inventoryVersion, BigDecimal revenueAfter,
        long ticketsAfter, Instant occurredAt) {
}
