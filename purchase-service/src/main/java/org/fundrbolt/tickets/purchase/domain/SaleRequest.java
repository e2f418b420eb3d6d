package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One buyer's checked purchase, waiting to claim stock: everything but the stock is already settled,
 * down to the answers in display order and the tickets, signed ahead of the claim.
 */
public record SaleRequest(UUID purchaseId, UUID eventId, UUID packageId, UUID donorId, int quantity,
        BigDecimal unitPrice, BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice,
        String promoCode, UUID promoId, String idempotencyKey, String fingerprint, List<Answer> answers,
        List<SignedTicket> tickets) {

    public int seatsPerPackage() {
        return tickets.size() / quantity;
    }
}
