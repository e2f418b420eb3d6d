package org.fundrbolt.tickets.purchase.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository.Figures;

import io.smallrye.mutiny.Uni;

/**
 * ARCHITECTURE.md, "Projections converge from the truth": the packages' cumulative sale figures as purchase-service
 * holds them, changed after a cursor, for the catalog's periodic reconciliation of its sales view. Keyset pages in
 * {@code (updated_at, package_id)} order; {@code next} is the cursor of the following page, null after the last.
 * Service callers only.
 */
@Path("/internal/v1/inventory")
@RolesAllowed(EventAccess.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalFiguresResource {

    private static final int MAX_PAGE = 1_000;
    /** PostgreSQL orders uuids as unsigned bytes: the nil uuid comes first. */
    private static final UUID LOWEST = new UUID(0, 0);

    private final InventoryRepository inventory;

    public InternalFiguresResource(InventoryRepository inventory) {
        this.inventory = inventory;
    }

    @GET
    public Uni<Map<String, Object>> figures(@QueryParam("updated_after") String updatedAfter,
            @QueryParam("after_package") String afterPackage, @QueryParam("limit") Integer limit) {
        OffsetDateTime after = parseTime(updatedAfter);
        UUID afterId = afterPackage == null ? LOWEST : parseId(afterPackage);
        int size = limit == null ? MAX_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw DomainException.validation("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        return inventory.figuresAfter(after, afterId, size).map(page -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("figures", page.stream().map(InternalFiguresResource::json).toList());
            Figures last = page.isEmpty() ? null : page.get(page.size() - 1);
            body.put("next", last == null || page.size() < size
                    ? null
                    : Map.of("updated_after", last.updatedAt().toString(), "after_package",
                            last.packageId().toString()));
            return body;
        });
    }

    private static Map<String, Object> json(Figures figures) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("package_id", figures.packageId());
        row.put("event_id", figures.eventId());
        row.put("sold_count", figures.soldCount());
        row.put("tickets_after", figures.ticketsSold());
        row.put("revenue_after", figures.revenue());
        row.put("refunded_after", figures.refunded());
        row.put("donations_after", figures.donations());
        row.put("cancelled_tickets_after", figures.cancelledTickets());
        row.put("inventory_version", figures.version());
        row.put("updated_at", figures.updatedAt().toString());
        return row;
    }

    private static OffsetDateTime parseTime(String value) {
        if (value == null) {
            return OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.validation("updated_after", "updated_after must be an ISO-8601 timestamp");
        }
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.validation("after_package", "after_package must be a UUID");
        }
    }
}
