package org.fundrbolt.tickets.media.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.media.service.DomainException;

import io.smallrye.mutiny.Uni;

/** Admin endpoints of package images (API.md, "Package images"). */
@Path("/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/image")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN })
public class PackageImageResource {

    private final EventAccess access;

    public PackageImageResource(EventAccess access) {
        this.access = access;
    }

    @DELETE
    public Uni<Response> delete(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId) {
        access.administer(eventId);
        Ids.parse(packageId, "package_not_found", "package");
        // Packages become known from catalog.packages (media-service issue); none is known yet.
        throw DomainException.notFound("package_not_found", "No package " + packageId + " in this event.");
    }
}
