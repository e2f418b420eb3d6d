package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A purchase.sales event (ARCHITECTURE.md, Events): {@code ticket_sold} for a committed purchase, or
 * {@code tickets_cancelled} for a cancellation, with the package's cumulative figures after it
 * ({@code revenue_after}, {@code tickets_after}, {@code refunded_after}, {@code donations_after},
 * {@code cancelled_tickets_after}), so that any later event repairs a projection that missed one. Consumers order
 * a package's figures by {@code inventory_version}. Fields of the other type are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId,
        Integer quantity, Integer tickets, BigDecimal totalPrice, BigDecimal donationAmount, UUID cancellationId,
        Integer ticketsCancelled, Integer packagesReturned, BigDecimal refundAmount, Boolean purchaseCancelled,
        UUID promoId, UUID donorId, int soldCountAfter, long inventoryVersion, BigDecimal revenueAfter,
        long ticketsAfter, BigDecimal refundedAfter, BigDecimal donationsAfter, long cancelledTicketsAfter,
        Instant occurredAt) {

    public static final String TICKET_SOLD = "ticket_sold";
    public static final String TICKETS_CANCELLED = "tickets_cancelled";

    public static SaleEvent sold(Purchase purchase, UUID promoId, StockClaim after, Instant at) {
        return new SaleEvent(UUID.randomUUID(), TICKET_SOLD, purchase.id(), purchase.eventId(), purchase.packageId(),
                purchase.quantity(), purchase.tickets().size(), purchase.totalPrice(), purchase.donationAmount(),
                null, null, null, null, null, promoId, purchase.donorId(), after.soldCountAfter(),
                after.versionAfter(), after.revenueAfter(), after.ticketsAfter(), after.refundedAfter(),
                after.donationsAfter(), after.cancelledTicketsAfter(), at);
    }

    public static SaleEvent cancelled(UUID eventId, UUID packageId, UUID donorId, UUID promoId,
            Cancellation cancellation, boolean purchaseCancelled, StockClaim after) {
        return new SaleEvent(UUID.randomUUID(), TICKETS_CANCELLED, cancellation.purchaseId(), eventId, packageId, null,
                null, null, null, cancellation.id(), cancellation.ticketIds().size(), cancellation.packagesReturned(),
                cancellation.refundAmount(), purchaseCancelled, promoId, donorId, after.soldCountAfter(),
                after.versionAfter(), after.revenueAfter(),
                after.ticketsAfter(), after.refundedAfter(), after.donationsAfter(), after.cancelledTicketsAfter(),
                cancellation.createdAt());
    }
}
