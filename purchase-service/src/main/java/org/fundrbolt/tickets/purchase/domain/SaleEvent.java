package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The purchase.sales event of one committed purchase (ARCHITECTURE.md, Events). */
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId, int quantity,
        int tickets, BigDecimal totalPrice, int soldCountAfter, long inventoryVersion, Instant occurredAt) {
}
