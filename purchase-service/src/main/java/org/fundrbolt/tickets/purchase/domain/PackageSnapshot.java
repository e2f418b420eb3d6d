package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A catalog.packages event: the full package as the catalog committed it (ARCHITECTURE.md, Events). The sales
 * rules' fields are absent from snapshots older than them: they then mean no window, 1–100 per order, public and
 * no tiers.
 */
public record PackageSnapshot(UUID messageId, UUID packageId, UUID eventId, long version, boolean deleted,
        String name, BigDecimal price, Integer quantityLimit, Integer displayOrder, Boolean isEnabled,
        Integer seatsPerPackage,
        BigDecimal fairMarketValue, List<OptionDefinition> customOptions, Instant salesStartAt, Instant salesEndAt,
        Integer minPerOrder, Integer maxPerOrder, String visibility, List<PriceTier> priceTiers) {

    /** The sales rules this snapshot states, with the defaults of API.md for what it leaves out. */
    public SalesRules rules() {
        return new SalesRules(salesStartAt, salesEndAt, minPerOrder == null ? 1 : minPerOrder,
                maxPerOrder == null ? 100 : maxPerOrder, "hidden".equals(visibility), priceTiers);
    }
}
