package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A committed purchase of one package: what was paid, the answers given and the tickets issued. */
public record Purchase(UUID id, UUID eventId, UUID packageId, UUID donorId, int quantity, BigDecimal unitPrice,
        BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice, String promoCode,
        BigDecimal taxDeductibleAmount, List<Answer> answers, List<Ticket> tickets, Instant createdAt) {
}
