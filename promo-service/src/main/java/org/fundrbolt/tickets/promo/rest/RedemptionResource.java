package org.fundrbolt.tickets.promo.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.promo.service.Redemption;
import org.fundrbolt.tickets.promo.service.RedemptionRequest;
import org.fundrbolt.tickets.promo.service.RedemptionService;

import io.smallrye.mutiny.Uni;

/** purchase-service's calls (ARCHITECTURE.md): redeem a code for a purchase, release it when the sale fails. */
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

    /** 204 whether or not there was a use to give back, so that the compensation can be retried blindly. */
    @DELETE
    @Path("/{purchase_id}")
    public Uni<Response> release(@PathParam("purchase_id") String purchaseId) {
        return redemptions.release(Ids.parse(purchaseId, "purchase_not_found", "purchase"))
                .map(nothing -> Response.noContent().build());
    }
}
