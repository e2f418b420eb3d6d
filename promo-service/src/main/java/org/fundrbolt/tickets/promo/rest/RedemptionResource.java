package org.fundrbolt.tickets.promo.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.promo.service.Redemption;
import org.fundrbolt.tickets.promo.service.RedemptionRequest;
import org.fundrbolt.tickets.promo.service.RedemptionService;

import io.smallrye.mutiny.Uni;

/**
 * purchase-service's calls (ARCHITECTURE.md): redeem a code for a purchase, release it when the sale fails, return it
 * when the purchase is fully cancelled.
 */
@Path("/internal/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(EventAccess.SERVICE)
public class RedemptionResource {

    private final RedemptionService redemptions;

    public RedemptionResource(RedemptionService redemptions) {
        this.redemptions = redemptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> redeem(RedemptionRequest body) {
        return redemptions.redeem(body).map(redemption -> Response.status(201).entity(redemption).build());
    }

    /** Redeem's verdict (200, same body) without taking a use; nothing is written. */
    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Redemption> check(RedemptionRequest body) {
        return redemptions.check(body);
    }

    /**
     * 204 whether or not there was a use to give back, so that the compensation can be retried blindly.
     * {@code final=true}: the purchase was abandoned for good (its redeem timed out), so a redeem of it arriving
     * later is refused (409 redemption_released). {@code attempt}: only the use as held by that attempt of the
     * purchase (a later attempt, which took it over, keeps it).
     */
    @DELETE
    @Path("/{purchase_id}")
    public Uni<Response> release(@PathParam("purchase_id") String purchaseId,
            @QueryParam("final") @DefaultValue("false") boolean forGood, @QueryParam("attempt") String attempt) {
        return redemptions.release(Ids.parse(purchaseId, "purchase_not_found", "purchase"),
                attempt == null ? null : attemptId(attempt), forGood)
                .map(nothing -> Response.noContent().build());
    }

    private static UUID attemptId(String attempt) {
        try {
            return UUID.fromString(attempt);
        } catch (IllegalArgumentException e) {
            throw DomainException.validation("attempt", "must be a UUID");
        }
    }

    /**
     * Called right after a cancellation that cancels the whole purchase commits, so the donor may use the code again
     * at once; the {@code tickets_cancelled} event does the same if this call is lost. 204 whatever there was to
     * return, so that it can be retried blindly.
     */
    @POST
    @Path("/{purchase_id}/return")
    @Operation(summary = "Return the promo use of a fully cancelled purchase", description = "Gives the purchase's use back: current_uses - 1, and it no longer counts toward "
            + "max_total_uses or max_uses_per_donor. Idempotent, also with the tickets_cancelled event; a "
            + "purchase without a promo application, or whose use was already returned, changes nothing.")
    @APIResponse(responseCode = "204", description = "Returned, or nothing to return")
    @APIResponse(responseCode = "401", description = "No or invalid token (unauthenticated)")
    @APIResponse(responseCode = "403", description = "The token lacks the role service (forbidden)")
    @APIResponse(responseCode = "404", description = "The purchase id is not a UUID (purchase_not_found)")
    public Uni<Response> returnUse(
            @Parameter(description = "The fully cancelled purchase") @PathParam("purchase_id") String purchaseId) {
        return redemptions.returnUse(Ids.parse(purchaseId, "purchase_not_found", "purchase"))
                .map(nothing -> Response.noContent().build());
    }
}
