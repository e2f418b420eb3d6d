package org.fundrbolt.tickets.purchase.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** Admin reads of purchases (API.md, "Sales"). */
@Path("/api/v1/admin/events/{event_id}/tickets/purchases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN })
public class AdminPurchaseResource {

    private final EventAccess access;

    public AdminPurchaseResource(EventAccess access) {
        this.access = access;
    }

    @GET
    public Uni<Map<String, Object>> list(@PathParam("event_id") String eventId) {
        access.administer(eventId);
        return Uni.createFrom().item(Map.of("purchases", List.of(), "page", 0, "size", 50, "total", 0));
    }
}
