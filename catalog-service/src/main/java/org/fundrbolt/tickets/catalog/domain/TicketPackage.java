package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A ticket package of an event, as the coordinator defines it. */
@Entity
@Table(name = "ticket_packages")
public class TicketPackage {

    @Id
    public UUID id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    public String name;
    public String description;
    public BigDecimal price;
    @Column(name = "quantity_limit")
    public Integer quantityLimit;
    @Column(name = "display_order")
    public int displayOrder;
    @Column(name = "is_enabled")
    public boolean enabled;
    @Column(name = "seats_per_package")
    public int seatsPerPackage;
    @Column(name = "fair_market_value")
    public BigDecimal fairMarketValue;
    @Column(name = "image_url")
    public String imageUrl;
    @Column(name = "image_version")
    public long imageVersion;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "ticketPackage", fetch = FetchType.EAGER, cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("displayOrder, createdAt")
    public List<CustomOption> options = new ArrayList<>();
}
