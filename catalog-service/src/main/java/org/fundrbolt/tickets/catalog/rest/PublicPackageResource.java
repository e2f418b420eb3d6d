package org.fundrbolt.tickets.catalog.rest;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fundrbolt.tickets.catalog.rest.Views.PackageList;
import org.fundrbolt.tickets.catalog.rest.Views.PublicPackageView;
import org.fundrbolt.tickets.catalog.service.PackageService;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The donors' package list: enabled public packages without sold count or version, plus the hidden ones a promo
 * code unlocks for the donor who sends it.
 */
@Path("/api/v1/events/{event_id}/tickets/packages")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicPackageResource {

    private final PackageService packages;
    private final CurrentIdentityAssociation identities;

    public PublicPackageResource(PackageService packages, CurrentIdentityAssociation identities) {
        this.packages = packages;
        this.identities = identities;
    }

    @GET
    @Operation(summary = "The packages donors can see", description = "Enabled packages by display_order; hidden "
            + "ones only when ?code= unlocks them (a donor token is required then). Packages outside their sales "
            + "window stay listed with on_sale false.")
    @APIResponse(responseCode = "200", description = "The packages")
    @APIResponse(responseCode = "401", description = "A code without a valid token (unauthenticated)")
    @APIResponse(responseCode = "403", description = "A code with a token that lacks the role donor (forbidden)")
    @APIResponse(responseCode = "404", description = "The event id is not a UUID (not_found)")
    @APIResponse(responseCode = "429", description = "The donor has had too many codes fail (rate_limited)", headers = @Header(name = "Retry-After", description = "Seconds until promo-service takes codes again"))
    @APIResponse(responseCode = "503", description = "promo-service did not answer (dependency_unavailable)")
    public Uni<PackageList<PublicPackageView>> list(@PathParam("event_id") String eventId,
            @Parameter(description = "A promo code that unlocks hidden packages; empty is the same as none") @QueryParam("code") String code) {
        UUID event = Ids.parse(eventId, "not_found", "event");
        if (code == null || code.isEmpty()) {
            return packages.listForDonors(event).map(PackageList::donors);
        }
        return donor().flatMap(donor -> packages.listForDonors(event, donor, code)).map(PackageList::donors);
    }

    /**
     * The caller's donor id. Authentication is lazy and this endpoint is open, so the token is only looked at (and
     * a bad one refused) when a code asks for it.
     */
    private Uni<UUID> donor() {
        return identities.getDeferredIdentity().map(identity -> {
            if (identity == null || identity.isAnonymous()) {
                throw new DomainException(401, "unauthenticated", "A donor token is required to use a code.");
            }
            if (!identity.hasRole(EventAccess.DONOR)) {
                throw DomainException.forbidden("Only donors can unlock packages with a code.");
            }
            return subject(identity);
        });
    }

    private static UUID subject(SecurityIdentity identity) {
        try {
            return UUID.fromString(((JsonWebToken) identity.getPrincipal()).getSubject());
        } catch (RuntimeException e) {
            throw new DomainException(401, "unauthenticated", "The token's subject is not a user id.");
        }
    }
}
