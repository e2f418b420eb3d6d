package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One buyer's checked purchase, waiting to claim stock: everything but the stock is already settled,
 * down to the answers in display order and the tickets, signed ahead of the claim. {@code totalPrice} is the
 * ticket part plus {@code donationAmount}. {@code deadline} is a {@link System#nanoTime()} instant: after it no
 * claim may start or commit for this buyer (ARCHITECTURE.md, "Bounded waiting").
 */
public record SaleRequest(UUID purchaseId, UUID eventId, UUID packageId, UUID donorId, int quantity,
        BigDecimal unitPrice, BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice,
        String promoCode, UUID promoId, String idempotencyKey, String fingerprint, List<Answer> answers,
        List<SignedTicket> tickets, long deadline, BigDecimal donationAmount, PurchaseTerms terms, Pricing pricing) {

    /**
     * This request at the unit price the claim settled on: itself when the order fixed its price or the price is
     * the one it was quoted, else with the base, the discount (by the code's rule) and the total recomputed.
     */
    public SaleRequest pricedAt(BigDecimal unit) {
        if (!pricing.packagePrice() || unit.compareTo(unitPrice) == 0) {
            return this;
        }
        BigDecimal base = Money.times(unit, quantity);
        BigDecimal discount = pricing.discount(base, discountAmount);
        return new SaleRequest(purchaseId, eventId, packageId, donorId, quantity, Money.of(unit), base, discount,
                Money.of(base.subtract(discount).max(BigDecimal.ZERO).add(donationAmount)), promoCode, promoId,
                idempotencyKey, fingerprint, answers, tickets, deadline, donationAmount, terms, pricing);
    }

    public int seatsPerPackage() {
        return tickets.size() / quantity;
    }

    public int seats() {
        return tickets.size();
    }

    /** The ticket part of the price: {@code max(0, base − discount)}. */
    public BigDecimal ticketPart() {
        return basePrice.subtract(discountAmount).max(BigDecimal.ZERO);
    }

    /** Nanoseconds left before the deadline (negative once it has passed). */
    public long remainingNanos() {
        return deadline - System.nanoTime();
    }
}
