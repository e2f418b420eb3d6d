package org.fundrbolt.tickets.promo.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.promo.service.RedemptionService;
import org.fundrbolt.tickets.promo.service.Validation;

import io.smallrye.mutiny.Uni;

/** The donor's check of a promo code before checkout (API.md, "Promo codes", validate). */
@Path("/api/v1/events/{event_id}/promo-codes/{code}/validate")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(EventAccess.DONOR)
public class PromoValidationResource {

    private final RedemptionService redemptions;
    private final EventAccess access;

    public PromoValidationResource(RedemptionService redemptions, EventAccess access) {
        this.redemptions = redemptions;
        this.access = access;
    }

    @GET
    public Uni<Validation> validate(@PathParam("event_id") String eventId, @PathParam("code") String code,
            @QueryParam("package_id") String packageId, @QueryParam("quantity") String quantity) {
        UUID event = Ids.parse(eventId, "not_found", "event");
        return redemptions.validate(event, access.userId(), code, packageIdOf(packageId), quantityOf(quantity));
    }

    private static UUID packageIdOf(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw DomainException.validation("package_id", "must be a package id (UUID)");
        }
    }

    private static Integer quantityOf(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw DomainException.validation("quantity", "must be a whole number between 1 and "
                    + RedemptionService.MAX_QUANTITY);
        }
    }
}
