package org.fundrbolt.tickets.promo.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.promo.service.RedemptionService;
import org.fundrbolt.tickets.promo.service.UnlockRequest;
import org.fundrbolt.tickets.promo.service.Unlocks;

import io.smallrye.mutiny.Uni;

/**
 * catalog-service's and purchase-service's call (API.md, "Sales rules"): which hidden packages a donor's promo code
 * unlocks.
 */
@Path("/internal/v1/unlocks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(EventAccess.SERVICE)
public class UnlockResource {

    private final RedemptionService redemptions;

    public UnlockResource(RedemptionService redemptions) {
        this.redemptions = redemptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The hidden packages a promo code unlocks", description = "Looks the code up in the "
            + "event case-insensitively. A code that is active and inside valid_from/expires_at answers its "
            + "unlocks_package_ids, any other existing code none (exhaustion does not hide: checkout answers "
            + "promo_code_exhausted). An unknown code answers none and counts as a failed guess against the donor's "
            + "anti-guessing limit (the counter validate and redeem use); an existing code does not.")
    @APIResponse(responseCode = "200", description = "{\"code\": upper-case when well-formed, else as sent, "
            + "\"package_ids\": the packages it unlocks, possibly none}")
    @APIResponse(responseCode = "400", description = "Malformed JSON, a value of the wrong type or not a UUID "
            + "(malformed_json), an unknown field (unknown_field)")
    @APIResponse(responseCode = "401", description = "No or invalid token (unauthenticated)")
    @APIResponse(responseCode = "403", description = "The token lacks the role service (forbidden)")
    @APIResponse(responseCode = "422", description = "event_id, donor_id or code missing (validation_failed)")
    @APIResponse(responseCode = "429", description = "The donor has had too many promo codes fail; nothing was "
            + "looked up (rate_limited)", headers = @Header(name = "Retry-After", description = "Seconds until the "
                    + "donor's window ends"))
    public Uni<Unlocks> unlocks(UnlockRequest body) {
        return redemptions.unlocks(body);
    }
}
