package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The {@code catalog.packages} event: the full state of a package after a change, so a consumer
 * can rebuild from the compacted topic alone (purchase, promo and media consume exactly this shape).
 */
public record PackageSnapshot(UUID messageId, String eventType, UUID packageId, UUID eventId, long version,
        boolean deleted, String name, String description, BigDecimal price, Integer quantityLimit, int displayOrder,
        Boolean isEnabled, int seatsPerPackage, BigDecimal fairMarketValue, Instant salesStartAt, Instant salesEndAt,
        int minPerOrder, int maxPerOrder, String visibility, List<PriceTierSnapshot> priceTiers,
        List<OptionSnapshot> customOptions, Instant occurredAt) {

    /** An option as carried in the snapshot (purchase-service validates responses against it). */
    public record OptionSnapshot(UUID id, String label, String optionType, List<String> choices, Boolean isRequired,
            int displayOrder, Integer maxLength) {
    }

    /** A price tier as carried in the snapshot (purchase charges it, promo discounts from it). */
    public record PriceTierSnapshot(String label, BigDecimal price, Instant endsAt) {
    }

    public static PackageSnapshot of(TicketPackage p, boolean deleted) {
        List<OptionSnapshot> options = p.options.stream().map(o -> new OptionSnapshot(o.id, o.label, o.optionType,
                o.choices, o.required, o.displayOrder, o.maxLength)).toList();
        List<PriceTierSnapshot> tiers = p.priceTiers.stream()
                .map(t -> new PriceTierSnapshot(t.label(), t.price(), t.endsAt())).toList();
        return new PackageSnapshot(UUID.randomUUID(), "package_snapshot", p.id, p.eventId, p.version, deleted, p.name,
                p.description, p.price, p.quantityLimit, p.displayOrder, p.enabled, p.seatsPerPackage,
                p.fairMarketValue, p.salesStartAt, p.salesEndAt, p.minPerOrder, p.maxPerOrder, p.visibility, tiers,
                options, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
