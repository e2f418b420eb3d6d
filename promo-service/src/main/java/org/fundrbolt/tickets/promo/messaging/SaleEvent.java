package org.fundrbolt.tickets.promo.messaging;

import java.util.UUID;

/**
 * The fields promo-service needs of purchase-service's events on {@code purchase.sales}: {@code ticket_sold} and
 * {@code tickets_cancelled} ({@code purchase_cancelled} is that type's only). Other fields are ignored.
 */
public record SaleEvent(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId,
        Boolean purchaseCancelled) {

    public static final String TICKET_SOLD = "ticket_sold";
    public static final String TICKETS_CANCELLED = "tickets_cancelled";
}
