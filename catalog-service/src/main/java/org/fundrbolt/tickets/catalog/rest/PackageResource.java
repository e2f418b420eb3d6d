package org.fundrbolt.tickets.catalog.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.catalog.repository.PackageRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Admin endpoints of ticket packages (API.md, "Ticket packages"). */
@Path("/api/v1/admin/events/{event_id}/tickets/packages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN })
public class PackageResource {

    private final PackageRepository packages;
    private final EventAccess access;

    public PackageResource(PackageRepository packages, EventAccess access) {
        this.packages = packages;
        this.access = access;
    }

    @GET
    @WithSession
    public Uni<Map<String, List<Map<String, Object>>>> list(@PathParam("event_id") String eventId) {
        var event = access.administer(eventId);
        return packages.listByEvent(event).map(list -> Map.of("packages", list.stream()
                .map(p -> Map.<String, Object>of("id", p.id, "name", p.name)).toList()));
    }
}
