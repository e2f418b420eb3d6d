package org.fundrbolt.tickets.catalog.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A {@code purchase.sales} event as purchase-service publishes it (ARCHITECTURE.md, Events). */
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId, int quantity,
        int tickets, BigDecimal totalPrice, int soldCountAfter, long inventoryVersion, Instant occurredAt) {
}
