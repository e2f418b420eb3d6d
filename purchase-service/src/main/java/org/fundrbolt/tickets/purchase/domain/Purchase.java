package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A committed purchase of one package: what was paid and given, the answers, the tickets issued, and its
 * lifecycle since (API.md, "Order lifecycle"): status, refunds and cancellations. {@code donorId} is null for a
 * coordinator order made for nobody in particular.
 */
public record Purchase(UUID id, UUID eventId, UUID packageId, UUID donorId, int quantity, BigDecimal unitPrice,
        BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice, String promoCode,
        BigDecimal taxDeductibleAmount, List<Answer> answers, List<Ticket> tickets, Instant createdAt,
        String status, PurchaseTerms terms, BigDecimal donationAmount, BigDecimal refundedAmount,
        List<Cancellation> cancellations) {

    public static final String ACTIVE = "active";
    public static final String CANCELLED = "cancelled";

    /** The ticket part of the price, what a refund may return: {@code max(0, base − discount)}. */
    public BigDecimal ticketPart() {
        return basePrice.subtract(discountAmount).max(BigDecimal.ZERO);
    }
}
