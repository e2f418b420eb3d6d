package org.fundrbolt.tickets.purchase.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries;

import io.smallrye.mutiny.Uni;

/**
 * ARCHITECTURE.md, "Only the owner of a fact may declare it false": promo-service asks here before it
 * releases a redemption whose sale event it has not seen. 200 = the purchase was committed (keep and
 * confirm the use), 404 = no such purchase. Service callers only.
 */
@Path("/internal/v1/purchases/{purchase_id}")
@RolesAllowed(EventAccess.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalPurchaseResource {

    private final PurchaseQueries purchases;

    public InternalPurchaseResource(PurchaseQueries purchases) {
        this.purchases = purchases;
    }

    @GET
    public Uni<Map<String, Object>> exists(@PathParam("purchase_id") String purchaseId) {
        UUID id = Ids.parse(purchaseId, "purchase_not_found", "purchase");
        return purchases.exists(id).map(found -> {
            if (!found) {
                throw DomainException.notFound("purchase_not_found", "No purchase " + id + " was committed.");
            }
            return Map.of("purchase_id", id.toString(), "committed", true);
        });
    }
}
