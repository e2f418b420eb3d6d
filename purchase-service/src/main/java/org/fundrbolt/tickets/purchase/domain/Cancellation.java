package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One cancellation of tickets of a purchase (API.md, "Order lifecycle"): {@code kind} {@code refund} (by a
 * coordinator) or {@code release} (the donor gave the seats back, refund 0), the packages it returned to the
 * inventory and the refund it recorded.
 */
public record Cancellation(UUID id, UUID purchaseId, List<UUID> ticketIds, int packagesReturned,
        BigDecimal refundAmount, String kind, String reason, UUID createdBy, Instant createdAt) {

    public static final String REFUND = "refund";
    public static final String RELEASE = "release";
}
