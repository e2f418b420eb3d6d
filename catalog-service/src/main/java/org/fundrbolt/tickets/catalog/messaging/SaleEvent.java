package org.fundrbolt.tickets.catalog.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@code purchase.sales} event as purchase-service publishes it (ARCHITECTURE.md, Events): a {@code ticket_sold}
 * or a {@code tickets_cancelled}, each with the package's cumulative figures after it. A figure an older producer
 * did not send yet is null ("unknown"): {@code revenueAfter} and {@code ticketsAfter} in the oldest sale events,
 * {@code refundedAfter}, {@code donationsAfter} and {@code cancelledTicketsAfter} in those from before
 * cancellations. The fields of the other event type are null too.
 */
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID cancellationId, UUID eventId,
        UUID packageId, Integer quantity, Integer tickets, BigDecimal totalPrice, BigDecimal donationAmount,
        Integer ticketsCancelled, Integer packagesReturned, BigDecimal refundAmount, Boolean purchaseCancelled,
        int soldCountAfter, long inventoryVersion, BigDecimal revenueAfter, Long ticketsAfter,
        BigDecimal refundedAfter, BigDecimal donationsAfter, Long cancelledTicketsAfter, Instant occurredAt) {

    public static final String TICKET_SOLD = "ticket_sold";
    public static final String TICKETS_CANCELLED = "tickets_cancelled";

    public boolean isSale() {
        return TICKET_SOLD.equals(eventType);
    }

    public boolean isCancellation() {
        return TICKETS_CANCELLED.equals(eventType);
    }

    /** Whether it states the package's sold tickets and revenue after it (else it only adds its own sale). */
    public boolean hasCumulativeFigures() {
        return revenueAfter != null && ticketsAfter != null;
    }
}
