package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The admin sales view of one event (API.md, "Sales" and "Order lifecycle"); also the JSON cached in Redis and
 * pushed over SSE. Sold counts are packages sold minus returned, tickets are valid seats, revenue is net of refunds
 * (donations included): all purchase-service's cumulative figures.
 */
public record SalesView(UUID eventId, long totalSold, long totalTickets, BigDecimal totalRevenue,
        BigDecimal totalRefunded, BigDecimal totalDonations, long totalCancelledTickets, List<PackageFigures> packages,
        Instant updatedAt) {

    /** One package's line. */
    public record PackageFigures(UUID packageId, String name, int soldCount, Integer quantityLimit, BigDecimal revenue,
            BigDecimal refunded, BigDecimal donations, long cancelledTickets) {
    }
}
