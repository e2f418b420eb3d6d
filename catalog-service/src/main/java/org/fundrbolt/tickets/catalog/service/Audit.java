package org.fundrbolt.tickets.catalog.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.fundrbolt.tickets.catalog.domain.AuditEntry;
import org.fundrbolt.tickets.catalog.domain.CustomOption;
import org.fundrbolt.tickets.catalog.domain.Money;
import org.fundrbolt.tickets.catalog.domain.PriceTier;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;

/**
 * Turns a change into audit entries, one per changed field, with values as text (money as "150.00", instants as
 * ISO-8601 UTC, price tiers as their compact JSON).
 */
final class Audit {

    private Audit() {
    }

    static List<AuditEntry> packageChanges(TicketPackage before, TicketPackage after, UUID userId) {
        List<AuditEntry> entries = new ArrayList<>();
        Changes changes = new Changes(before, after.id, AuditEntry.PACKAGE, userId, entries);
        changes.field("name", before.name, after.name, "updated");
        changes.field("description", before.description, after.description, "updated");
        changes.field("price", Money.text(before.price), Money.text(after.price), "updated");
        changes.field("quantity_limit", text(before.quantityLimit), text(after.quantityLimit), "updated");
        changes.field("display_order", text(before.displayOrder), text(after.displayOrder), "updated");
        changes.field("is_enabled", text(before.enabled), text(after.enabled), after.enabled ? "enabled" : "disabled");
        changes.field("seats_per_package", text(before.seatsPerPackage), text(after.seatsPerPackage), "updated");
        changes.field("fair_market_value", Money.text(before.fairMarketValue), Money.text(after.fairMarketValue),
                "updated");
        changes.field("sales_start_at", text(before.salesStartAt), text(after.salesStartAt), "updated");
        changes.field("sales_end_at", text(before.salesEndAt), text(after.salesEndAt), "updated");
        changes.field("min_per_order", text(before.minPerOrder), text(after.minPerOrder), "updated");
        changes.field("max_per_order", text(before.maxPerOrder), text(after.maxPerOrder), "updated");
        changes.field("visibility", before.visibility, after.visibility, "updated");
        changes.field("price_tiers", PriceTier.toJson(before.priceTiers).encode(),
                PriceTier.toJson(after.priceTiers).encode(), "updated");
        return entries;
    }

    static List<AuditEntry> optionChanges(TicketPackage pkg, CustomOption before, CustomOption after, UUID userId) {
        List<AuditEntry> entries = new ArrayList<>();
        Changes changes = new Changes(pkg, after.id, AuditEntry.OPTION, userId, entries);
        changes.field("label", before.label, after.label, "option_updated");
        changes.field("option_type", before.optionType, after.optionType, "option_updated");
        changes.field("choices", text(before.choices), text(after.choices), "option_updated");
        changes.field("is_required", text(before.required), text(after.required), "option_updated");
        changes.field("display_order", text(before.displayOrder), text(after.displayOrder), "option_updated");
        changes.field("max_length", text(before.maxLength), text(after.maxLength), "option_updated");
        return entries;
    }

    /** Added or removed option: one entry whose value names the option. */
    static AuditEntry option(TicketPackage pkg, CustomOption option, String action, UUID userId) {
        String described = option.label + " (" + option.optionType + ")";
        boolean added = "option_added".equals(action);
        return new AuditEntry(UUID.randomUUID(), pkg.eventId, pkg.id, AuditEntry.OPTION, option.id, action, null,
                added ? null : described, added ? described : null, userId, now());
    }

    static AuditEntry disabled(TicketPackage pkg, boolean wasEnabled, UUID userId) {
        return new AuditEntry(UUID.randomUUID(), pkg.eventId, pkg.id, AuditEntry.PACKAGE, pkg.id, "disabled",
                "is_enabled", text(wasEnabled), "false", userId, now());
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Changes(TicketPackage pkg, UUID entityId, String entityType, UUID userId, List<AuditEntry> out) {

        void field(String name, String before, String after, String action) {
            if (!Objects.equals(before, after)) {
                out.add(new AuditEntry(UUID.randomUUID(), pkg.eventId, pkg.id, entityType, entityId, action, name,
                        before, after, userId, now()));
            }
        }
    }
}
