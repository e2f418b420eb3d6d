package org.fundrbolt.tickets.catalog.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.catalog.rest.Views.AuditList;
import org.fundrbolt.tickets.catalog.rest.Views.AuditView;
import org.fundrbolt.tickets.catalog.rest.Views.PackageList;
import org.fundrbolt.tickets.catalog.rest.Views.PackageView;
import org.fundrbolt.tickets.catalog.rest.Views.ReorderRequest;
import org.fundrbolt.tickets.catalog.service.PackageFields;
import org.fundrbolt.tickets.catalog.service.PackageService;
import org.fundrbolt.tickets.platform.rest.Bodies;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.platform.rest.IfMatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Admin endpoints of ticket packages (API.md, "Ticket packages"). */
@Path("/api/v1/admin/events/{event_id}/tickets/packages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
public class PackageResource {

    private final PackageService packages;
    private final EventAccess access;
    private final Bodies bodies;

    public PackageResource(PackageService packages, EventAccess access, Bodies bodies) {
        this.packages = packages;
        this.access = access;
        this.bodies = bodies;
    }

    @GET
    public Uni<PackageList<PackageView>> list(@PathParam("event_id") String eventId) {
        return packages.list(access.administer(eventId)).map(PackageList::admin);
    }

    @POST
    public Uni<Response> create(@PathParam("event_id") String eventId, PackageFields body) {
        var event = access.administer(eventId);
        return packages.create(event, Bodies.required(body)).map(created -> Response
                .created(URI.create("/api/v1/admin/events/" + event + "/tickets/packages/" + created.id))
                .entity(PackageView.of(created)).build());
    }

    @GET
    @Path("/{package_id}")
    public Uni<PackageView> get(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId) {
        var event = access.administer(eventId);
        return packages.get(event, packageId(packageId)).map(PackageView::of);
    }

    @PATCH
    @Path("/{package_id}")
    public Uni<PackageView> patch(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId,
            @HeaderParam("If-Match") String ifMatch, JsonNode body) throws JsonProcessingException {
        var event = access.administer(eventId);
        var id = packageId(packageId);
        var patch = bodies.patch(body, PackageFields.class);
        return packages.patch(event, id, access.userId(), patch, IfMatch.expectedVersion(ifMatch)).map(PackageView::of);
    }

    @DELETE
    @Path("/{package_id}")
    public Uni<Response> delete(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId,
            @HeaderParam("If-Match") String ifMatch) {
        var event = access.administer(eventId);
        return packages.delete(event, packageId(packageId), access.userId(), IfMatch.expectedVersion(ifMatch))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/reorder")
    public Uni<PackageList<PackageView>> reorder(@PathParam("event_id") String eventId, ReorderRequest body) {
        var event = access.administer(eventId);
        return packages.reorder(event, access.userId(), Bodies.required(body).packageIds()).map(PackageList::admin);
    }

    @GET
    @Path("/{package_id}/audit")
    public Uni<AuditList> audit(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId) {
        var event = access.administer(eventId);
        return packages.auditTrail(event, packageId(packageId))
                .map(entries -> new AuditList(entries.stream().map(AuditView::of).toList()));
    }

    static java.util.UUID packageId(String text) {
        return Ids.parse(text, "package_not_found", "package");
    }
}
