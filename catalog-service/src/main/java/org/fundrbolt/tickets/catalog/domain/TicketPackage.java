package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A ticket package of an event, as the coordinator defines it, with its options and live sold count. */
public class TicketPackage {

    public UUID id;
    public UUID eventId;
    public String name;
    public String description;
    public BigDecimal price;
    public Integer quantityLimit;
    public int displayOrder;
    public boolean enabled;
    public int seatsPerPackage;
    public BigDecimal fairMarketValue;
    public String imageUrl;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    /** From the sales projection; never written by package changes. */
    public int soldCount;
    public List<CustomOption> options = new ArrayList<>();

    /** {@code max(0, limit - sold)}, or null when unlimited. */
    public Integer available() {
        return quantityLimit == null ? null : Math.max(0, quantityLimit - soldCount);
    }
}
