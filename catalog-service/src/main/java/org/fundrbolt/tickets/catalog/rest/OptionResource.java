package org.fundrbolt.tickets.catalog.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.catalog.rest.Views.OptionList;
import org.fundrbolt.tickets.catalog.rest.Views.OptionView;
import org.fundrbolt.tickets.catalog.service.OptionFields;
import org.fundrbolt.tickets.catalog.service.OptionService;
import org.fundrbolt.tickets.platform.rest.Bodies;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Admin endpoints of custom options (API.md, "Custom options"). */
@Path("/api/v1/admin/events/{event_id}/tickets/packages/{package_id}/options")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
public class OptionResource {

    private final OptionService options;
    private final EventAccess access;
    private final Bodies bodies;

    public OptionResource(OptionService options, EventAccess access, Bodies bodies) {
        this.options = options;
        this.access = access;
        this.bodies = bodies;
    }

    @GET
    public Uni<OptionList> list(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId) {
        var event = access.administer(eventId);
        return options.list(event, PackageResource.packageId(packageId))
                .map(list -> new OptionList(list.stream().map(OptionView::of).toList()));
    }

    @POST
    public Uni<Response> create(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId,
            OptionFields body) {
        var event = access.administer(eventId);
        var pkg = PackageResource.packageId(packageId);
        return options.create(event, pkg, access.userId(), Bodies.required(body)).map(created -> Response
                .created(URI.create(
                        "/api/v1/admin/events/" + event + "/tickets/packages/" + pkg + "/options/" + created.id))
                .entity(OptionView.of(created)).build());
    }

    @PATCH
    @Path("/{option_id}")
    public Uni<OptionView> patch(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId,
            @PathParam("option_id") String optionId, JsonNode body) throws JsonProcessingException {
        var event = access.administer(eventId);
        var pkg = PackageResource.packageId(packageId);
        var option = optionId(optionId);
        var patch = bodies.patch(body, OptionFields.class);
        return options.patch(event, pkg, option, access.userId(), patch).map(OptionView::of);
    }

    @DELETE
    @Path("/{option_id}")
    public Uni<Response> delete(@PathParam("event_id") String eventId, @PathParam("package_id") String packageId,
            @PathParam("option_id") String optionId) {
        var event = access.administer(eventId);
        return options.delete(event, PackageResource.packageId(packageId), optionId(optionId), access.userId())
                .replaceWith(Response.noContent().build());
    }

    private static UUID optionId(String text) {
        return Ids.parse(text, "option_not_found", "option");
    }
}
