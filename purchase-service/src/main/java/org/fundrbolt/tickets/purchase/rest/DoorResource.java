package org.fundrbolt.tickets.purchase.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.platform.text.Text;
import org.fundrbolt.tickets.purchase.repository.DoorRepository;
import org.fundrbolt.tickets.purchase.repository.DoorRepository.Attendee;
import org.fundrbolt.tickets.purchase.service.DoorService;

import io.smallrye.mutiny.Uni;

/**
 * Door operations (API.md): for door staff of the event, its coordinators and super admins; nothing here shows
 * money. Every other admin endpoint answers a door_staff token 403.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN, EventAccess.DOOR_STAFF})
public class DoorResource {

    /** Body of an offline scanner's upload. */
    public record Upload(String deviceId, List<DoorService.Scan> scans) {
    }

    private final DoorService service;
    private final DoorRepository door;
    private final EventAccess access;

    public DoorResource(DoorService service, DoorRepository door, EventAccess access) {
        this.service = service;
        this.door = door;
        this.access = access;
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/attendees")
    public Uni<Map<String, Object>> attendees(@PathParam("event_id") String eventId, @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        UUID event = access.door(eventId);
        int pageNumber = QueryParams.page(page);
        int pageSize = QueryParams.size(size);
        return door.attendees(event, QueryParams.search(query), pageNumber, pageSize).map(found -> Map.of(
                "attendees", found.items().stream().map(DoorResource::attendee).toList(), "page", pageNumber,
                "size", pageSize, "total", found.total()));
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/check-in/summary")
    public Uni<Map<String, Object>> summary(@PathParam("event_id") String eventId) {
        UUID event = access.door(eventId);
        return door.summary(event).map(packages -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("checked_in", packages.stream().mapToLong(DoorRepository.PackageCount::checkedIn).sum());
            body.put("total", packages.stream().mapToLong(DoorRepository.PackageCount::total).sum());
            body.put("packages", packages.stream().map(count -> Map.of("package_id", count.packageId(), "name",
                    count.name(), "checked_in", count.checkedIn(), "total", count.total())).toList());
            return body;
        });
    }

    @DELETE
    @Path("/admin/events/{event_id}/tickets/check-ins/{ticket_id}")
    public Uni<Response> undo(@PathParam("event_id") String eventId, @PathParam("ticket_id") String ticketId,
            @QueryParam("device_id") String deviceId) {
        UUID event = access.door(eventId);
        UUID ticket = Ids.parse(ticketId, "ticket_not_found", "ticket");
        if (deviceId != null && (deviceId.isBlank() || deviceId.length() > 100 || !Text.storable(deviceId))) {
            throw DomainException.validation("device_id", "device_id must be 1 to 100 characters");
        }
        return service.undo(event, ticket, access.userId(), deviceId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/check-ins")
    public Uni<Map<String, Object>> log(@PathParam("event_id") String eventId,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        UUID event = access.door(eventId);
        int pageNumber = QueryParams.page(page);
        int pageSize = QueryParams.size(size);
        return door.log(event, pageNumber, pageSize).map(found -> Map.of("check_ins", found.items().stream()
                .map(entry -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("ticket_id", entry.ticketId());
                    row.put("ticket_number", entry.ticketNumber());
                    row.put("action", entry.action());
                    row.put("by", entry.by());
                    row.put("device_id", entry.deviceId());
                    row.put("at", entry.at());
                    return row;
                }).toList(), "page", pageNumber, "size", pageSize, "total", found.total()));
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/door-list")
    public Uni<Map<String, Object>> doorList(@PathParam("event_id") String eventId,
            @QueryParam("cursor") String cursor) {
        UUID event = access.door(eventId);
        return service.doorList(event, cursor).map(list -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tickets", list.tickets().stream().map(ticket -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ticket_id", ticket.ticketId());
                row.put("ticket_number", ticket.ticketNumber());
                row.put("package_id", ticket.packageId());
                row.put("package_name", ticket.packageName());
                row.put("guest_name", ticket.guestName());
                row.put("status", ticket.status());
                row.put("checked_in_at", ticket.checkedInAt());
                // the signed code: a scanner checks a guest in by hand with it, and offline it knows the ticket
                row.put("qr_code", ticket.qrCode());
                return row;
            }).toList());
            body.put("cursor", list.cursor());
            body.put("more", list.more());
            return body;
        });
    }

    @POST
    @Path("/admin/events/{event_id}/tickets/check-ins/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> batch(@PathParam("event_id") String eventId, Upload upload) {
        UUID event = access.door(eventId);
        if (upload == null) {
            throw DomainException.validation("body", "A JSON body is required.");
        }
        return service.upload(event, access.userId(), upload.deviceId(), upload.scans()).map(outcomes -> Map.of(
                "results", outcomes.stream().map(outcome -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("nonce", outcome.nonce());
                    row.put("result", outcome.result());
                    if (outcome.ticketId() != null) {
                        row.put("ticket_id", outcome.ticketId());
                    }
                    if (outcome.checkedInAt() != null) {
                        row.put("checked_in_at", outcome.checkedInAt());
                    }
                    return row;
                }).toList()));
    }

    private static Map<String, Object> attendee(Attendee attendee) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ticket_id", attendee.ticketId());
        row.put("ticket_number", attendee.ticketNumber());
        row.put("package_name", attendee.packageName());
        row.put("guest_name", attendee.guestName());
        row.put("guest_email", attendee.guestEmail());
        row.put("purchase_id", attendee.purchaseId());
        row.put("status", attendee.status());
        row.put("checked_in_at", attendee.checkedInAt());
        // lets the door check a guest who forgot their phone in by hand (POST check-in with this code)
        row.put("qr_code", attendee.qrCode());
        return row;
    }
}
