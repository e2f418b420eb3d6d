package org.fundrbolt.tickets.promo.messaging;

import java.util.UUID;

/** The fields promo-service needs of purchase-service's sale event on {@code purchase.sales}. */
public record TicketSold(UUID messageId, String eventType, UUID purchaseId, UUID eventId, UUID packageId) {
}
