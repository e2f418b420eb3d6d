package org.fundrbolt.tickets.purchase.domain;

import java.util.UUID;

/**
 * How a purchase came about (API.md, "Order lifecycle"): {@code channel} checkout or admin, {@code payment}
 * platform, complimentary or offline, where its tickets are mailed, the buyer's name and the coordinator's note,
 * and who made it ({@code createdBy}: the donor at checkout, the coordinator for an admin order; the scope of its
 * Idempotency-Key).
 */
public record PurchaseTerms(String channel, String payment, String email, String buyerName, String note,
        UUID createdBy) {

    public static final String CHECKOUT = "checkout";
    public static final String ADMIN = "admin";
    public static final String PLATFORM = "platform";
    public static final String COMPLIMENTARY = "complimentary";
    public static final String OFFLINE = "offline";

    public static PurchaseTerms checkout(UUID donorId, String email) {
        return new PurchaseTerms(CHECKOUT, PLATFORM, email, null, null, donorId);
    }

    public boolean complimentary() {
        return COMPLIMENTARY.equals(payment);
    }
}
