package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The admin sales view of one event (API.md, Sales); also the JSON cached in Redis and pushed over SSE. */
public record SalesView(UUID eventId, long totalSold, long totalTickets, BigDecimal totalRevenue,
        List<PackageFigures> packages, Instant updatedAt) {

    /** One package's line. */
    public record PackageFigures(UUID packageId, String name, int soldCount, Integer quantityLimit,
            BigDecimal revenue) {
    }
}
