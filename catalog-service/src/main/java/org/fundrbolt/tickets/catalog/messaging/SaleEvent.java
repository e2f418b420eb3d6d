package org.fundrbolt.tickets.catalog.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@code purchase.sales} event as purchase-service publishes it (ARCHITECTURE.md, Events). {@code revenueAfter}
 * and {@code ticketsAfter} are the package's cumulative figures after it (null in events from before they existed).
 */
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId, int quantity,
        int tickets, BigDecimal totalPrice, int soldCountAfter, long inventoryVersion, BigDecimal revenueAfter,
        Long ticketsAfter, Instant occurredAt) {

    public boolean hasCumulativeFigures() {
        return revenueAfter != null && ticketsAfter != null;
    }
}
