package org.fundrbolt.tickets.catalog.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.fundrbolt.tickets.catalog.domain.AuditEntry;
import org.fundrbolt.tickets.catalog.domain.CustomOption;
import org.fundrbolt.tickets.catalog.domain.PriceTier;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;

/** The JSON shapes of API.md for packages, options and audit entries (kept apart from the domain classes). */
public final class Views {

    private static final String SALES_START = "Sales open at this instant (inclusive); null: open from the start";
    private static final String SALES_END = "Sales close at this instant (exclusive); null: never close";
    private static final String VISIBILITY = "hidden: left out of the public list unless ?code= unlocks it";
    private static final String TIERS = "Early-bird prices, ends_at strictly increasing";
    private static final String ON_SALE = "Enabled and inside its sales window, by the catalog's clock at answer time";
    private static final String CURRENT_PRICE = "The price of the first tier whose ends_at is ahead, else price, at answer time";

    private Views() {
    }

    /** Admin view of a package; {@code on_sale} and {@code current_price} as of {@code now}, the answer's time. */
    public record PackageView(UUID id, UUID eventId, String name, String description, BigDecimal price,
            Integer quantityLimit, int soldCount, Integer available, int displayOrder, String imageUrl,
            Boolean isEnabled, long version, int seatsPerPackage, BigDecimal fairMarketValue,
            @Schema(description = SALES_START) Instant salesStartAt,
            @Schema(description = SALES_END) Instant salesEndAt,
            @Schema(minimum = "1", maximum = "100") int minPerOrder,
            @Schema(minimum = "1", maximum = "100") int maxPerOrder,
            @Schema(enumeration = {
                    "public", "hidden"}, description = VISIBILITY) String visibility,
            @Schema(maxItems = 5, description = TIERS) List<PriceTierView> priceTiers,
            @Schema(description = ON_SALE) boolean onSale, @Schema(description = CURRENT_PRICE) BigDecimal currentPrice,
            List<OptionView> customOptions, Instant createdAt, Instant updatedAt){

        static PackageView of(TicketPackage p) {
            return of(p, Instant.now());
        }

        static PackageView of(TicketPackage p, Instant now) {
            return new PackageView(p.id, p.eventId, p.name, p.description, p.price, p.quantityLimit, p.soldCount,
                    p.available(), p.displayOrder, p.imageUrl, p.enabled, p.version, p.seatsPerPackage,
                    p.fairMarketValue, p.salesStartAt, p.salesEndAt, p.minPerOrder, p.maxPerOrder, p.visibility,
                    PriceTierView.of(p.priceTiers), p.onSale(now), p.currentPrice(now),
                    p.options.stream().map(OptionView::of).toList(), p.createdAt, p.updatedAt);
        }
    }

    /** Donor view of a package: no sold count, no version. */
    public record PublicPackageView(UUID id, UUID eventId, String name, String description, BigDecimal price,
            Integer quantityLimit, Integer available, int displayOrder, String imageUrl, Boolean isEnabled,
            int seatsPerPackage, BigDecimal fairMarketValue,
            @Schema(description = SALES_START) Instant salesStartAt,
            @Schema(description = SALES_END) Instant salesEndAt,
            @Schema(minimum = "1", maximum = "100") int minPerOrder,
            @Schema(minimum = "1", maximum = "100") int maxPerOrder,
            @Schema(enumeration = {
                    "public", "hidden"}, description = VISIBILITY) String visibility,
            @Schema(maxItems = 5, description = TIERS) List<PriceTierView> priceTiers,
            @Schema(description = ON_SALE) boolean onSale, @Schema(description = CURRENT_PRICE) BigDecimal currentPrice,
            List<OptionView> customOptions, Instant createdAt, Instant updatedAt){

        static PublicPackageView of(TicketPackage p, Instant now) {
            return new PublicPackageView(p.id, p.eventId, p.name, p.description, p.price, p.quantityLimit,
                    p.available(), p.displayOrder, p.imageUrl, p.enabled, p.seatsPerPackage, p.fairMarketValue,
                    p.salesStartAt, p.salesEndAt, p.minPerOrder, p.maxPerOrder, p.visibility,
                    PriceTierView.of(p.priceTiers), p.onSale(now), p.currentPrice(now),
                    p.options.stream().map(OptionView::of).toList(), p.createdAt, p.updatedAt);
        }
    }

    /** An early-bird price: in force until {@code ends_at} unless an earlier tier still is. */
    public record PriceTierView(@Schema(minLength = 1, maxLength = 50) String label, BigDecimal price,
            Instant endsAt) {

        static List<PriceTierView> of(List<PriceTier> tiers) {
            return tiers.stream().map(t -> new PriceTierView(t.label(), t.price(), t.endsAt())).toList();
        }
    }

    /** A custom option. */
    public record OptionView(UUID id, UUID packageId, String label, String optionType, List<String> choices,
            Boolean isRequired, int displayOrder, Integer maxLength) {

        static OptionView of(CustomOption o) {
            return new OptionView(o.id, o.packageId, o.label, o.optionType, o.choices, o.required, o.displayOrder,
                    o.maxLength);
        }
    }

    /** One audit log line. */
    public record AuditView(UUID id, String entityType, UUID entityId, String action, String fieldName,
            String oldValue, String newValue, UUID userId, Instant createdAt) {

        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.entityType(), e.entityId(), e.action(), e.fieldName(), e.oldValue(),
                    e.newValue(), e.userId(), e.createdAt());
        }
    }

    /** {@code {"packages":[...]}}. */
    public record PackageList<T>(List<T> packages) {

        /** Admin views, all as of one instant: the time of the answer. */
        static PackageList<PackageView> admin(List<TicketPackage> packages) {
            Instant now = Instant.now();
            return new PackageList<>(packages.stream().map(p -> PackageView.of(p, now)).toList());
        }

        /** Donor views, all as of one instant: the time of the answer. */
        static PackageList<PublicPackageView> donors(List<TicketPackage> packages) {
            Instant now = Instant.now();
            return new PackageList<>(packages.stream().map(p -> PublicPackageView.of(p, now)).toList());
        }
    }

    /** {@code {"options":[...]}}. */
    public record OptionList(List<OptionView> options) {
    }

    /** {@code {"entries":[...]}}. */
    public record AuditList(List<AuditView> entries) {
    }

    /** Body of the reorder call. */
    public record ReorderRequest(List<String> packageIds) {
    }
}
