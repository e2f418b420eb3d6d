package org.fundrbolt.tickets.catalog.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.catalog.domain.AuditEntry;
import org.fundrbolt.tickets.catalog.domain.CustomOption;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;

/** The JSON shapes of API.md for packages, options and audit entries (kept apart from the domain classes). */
public final class Views {

    private Views() {
    }

    /** Admin view of a package. */
    public record PackageView(UUID id, UUID eventId, String name, String description, BigDecimal price,
            Integer quantityLimit, int soldCount, Integer available, int displayOrder, String imageUrl,
            Boolean isEnabled, long version, int seatsPerPackage, BigDecimal fairMarketValue,
            List<OptionView> customOptions, Instant createdAt, Instant updatedAt) {

        static PackageView of(TicketPackage p) {
            return new PackageView(p.id, p.eventId, p.name, p.description, p.price, p.quantityLimit, p.soldCount,
                    p.available(), p.displayOrder, p.imageUrl, p.enabled, p.version, p.seatsPerPackage,
                    p.fairMarketValue, p.options.stream().map(OptionView::of).toList(), p.createdAt, p.updatedAt);
        }
    }

    /** Donor view of a package: no sold count, no version. */
    public record PublicPackageView(UUID id, UUID eventId, String name, String description, BigDecimal price,
            Integer quantityLimit, Integer available, int displayOrder, String imageUrl, Boolean isEnabled,
            int seatsPerPackage, BigDecimal fairMarketValue, List<OptionView> customOptions, Instant createdAt,
            Instant updatedAt) {

        static PublicPackageView of(TicketPackage p) {
            return new PublicPackageView(p.id, p.eventId, p.name, p.description, p.price, p.quantityLimit,
                    p.available(), p.displayOrder, p.imageUrl, p.enabled, p.seatsPerPackage, p.fairMarketValue,
                    p.options.stream().map(OptionView::of).toList(), p.createdAt, p.updatedAt);
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
