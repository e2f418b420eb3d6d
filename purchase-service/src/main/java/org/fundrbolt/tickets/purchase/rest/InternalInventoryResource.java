package org.fundrbolt.tickets.purchase.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository;

import io.smallrye.mutiny.Uni;

/**
 * The two decisions the catalog cannot take on its lagging projection (ARCHITECTURE.md): lowering a
 * limit and retiring a package, answered on the authoritative sold_count. Service callers only.
 */
@Path("/internal/v1/inventory/{package_id}")
@RolesAllowed(EventAccess.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalInventoryResource {

    /** Body of set limit. */
    public record LimitChange(UUID eventId, Integer quantityLimit, Long catalogVersion) {
    }

    /** Body of retire. */
    public record Retirement(UUID eventId, Long catalogVersion) {
    }

    private final InventoryRepository inventory;

    public InternalInventoryResource(InventoryRepository inventory) {
        this.inventory = inventory;
    }

    @PUT
    @Path("/limit")
    public Uni<Map<String, Integer>> setLimit(@PathParam("package_id") String packageId, LimitChange change) {
        UUID id = Ids.parse(packageId, "package_not_found", "package");
        if (change == null || change.eventId() == null || change.catalogVersion() == null
                || (change.quantityLimit() != null && change.quantityLimit() < 0)) {
            throw DomainException.validation("body",
                    "event_id, catalog_version and a non-negative quantity_limit or null are required");
        }
        return inventory.setLimit(id, change.eventId(), change.quantityLimit(), change.catalogVersion())
                .map(InternalInventoryResource::answer);
    }

    @POST
    @Path("/retire")
    public Uni<Map<String, Object>> retire(@PathParam("package_id") String packageId, Retirement retirement) {
        UUID id = Ids.parse(packageId, "package_not_found", "package");
        if (retirement == null || retirement.eventId() == null || retirement.catalogVersion() == null) {
            throw DomainException.validation("body", "event_id and catalog_version are required");
        }
        // cancellations lower sold_count: the catalog deletes a package for good only if it never sold
        return inventory.retire(id, retirement.eventId(), retirement.catalogVersion())
                .map(InternalInventoryResource::answer)
                .chain(answer -> inventory.everSold(id).map(everSold -> {
                    Map<String, Object> body = new java.util.LinkedHashMap<>(answer);
                    body.put("ever_sold", everSold);
                    return body;
                }));
    }

    /** Applied → the sold count; a limit below it → 409; a version not newer than the row's → 412. */
    private static Map<String, Integer> answer(InventoryRepository.Outcome outcome) {
        return switch (outcome.change()) {
            case APPLIED -> Map.of("sold_count", outcome.soldCount());
            case BELOW_SOLD -> throw DomainException.conflict("quantity_below_sold",
                    "The new limit is below the number of packages already sold.");
            case STALE -> throw new DomainException(412, "version_conflict",
                    "A newer catalog version of this package is already applied; this call changed nothing.");
        };
    }
}
