package org.fundrbolt.tickets.promo.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** Admin endpoints of promo codes (API.md, "Promo codes"). */
@Path("/api/v1/admin/events/{event_id}/promo-codes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN })
public class PromoCodeResource {

    private final EventAccess access;

    public PromoCodeResource(EventAccess access) {
        this.access = access;
    }

    @GET
    public Uni<Map<String, List<Object>>> list(@PathParam("event_id") String eventId) {
        access.administer(eventId);
        return Uni.createFrom().item(Map.of("promo_codes", List.of()));
    }
}
