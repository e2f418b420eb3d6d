package org.fundrbolt.tickets.purchase.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView.TicketView;
import org.fundrbolt.tickets.purchase.service.DocumentRenderer;
import org.fundrbolt.tickets.purchase.service.TicketService;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Tickets: the donor's QR images, guest assignment and receipts; the door's check-in. */
@Path("/api/v1")
public class TicketResource {

    /** Body of a check-in scan. */
    public record Scan(String qrCode, String deviceId) {
    }

    private final TicketService tickets;
    private final PurchaseQueries purchases;
    private final DocumentRenderer documents;
    private final EventAccess access;
    private final String currency;

    public TicketResource(TicketService tickets, PurchaseQueries purchases, DocumentRenderer documents,
            EventAccess access, @ConfigProperty(name = "purchase.currency", defaultValue = "USD") String currency) {
        this.tickets = tickets;
        this.purchases = purchases;
        this.documents = documents;
        this.access = access;
        this.currency = currency;
    }

    @GET
    @Path("/me/tickets/{ticket_id}/qr.png")
    @Produces("image/png")
    @RolesAllowed(EventAccess.DONOR)
    public Uni<Response> qr(@PathParam("ticket_id") String ticketId) {
        var id = Ids.parse(ticketId, "ticket_not_found", "ticket");
        return tickets.ownValid(access.userId(), id)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ticket -> Response.ok(documents.qrPng(ticket.qrCode()), "image/png")
                        .header("Cache-Control", "private, max-age=3600").build());
    }

    @PATCH
    @Path("/me/tickets/{ticket_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(EventAccess.DONOR)
    public Uni<TicketView> assignGuest(@PathParam("ticket_id") String ticketId, JsonNode body) {
        var id = Ids.parse(ticketId, "ticket_not_found", "ticket");
        return tickets.assignGuest(access.userId(), id, body).map(TicketView::of);
    }

    @GET
    @Path("/me/tickets/purchases/{purchase_id}/receipt.pdf")
    @Produces("application/pdf")
    @RolesAllowed(EventAccess.DONOR)
    public Uni<Response> receipt(@PathParam("purchase_id") String purchaseId) {
        var id = Ids.parse(purchaseId, "purchase_not_found", "purchase");
        var donor = access.userId();
        return purchases.findWithPackageName(id)
                .map(found -> found.filter(p -> p.purchase().donorId().equals(donor))
                        .orElseThrow(() -> DomainException.notFound("purchase_not_found",
                                "You have no purchase " + id + ".")))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> Response.ok(documents.receiptPdf(found.purchase(), found.packageName(), currency),
                        "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"receipt-" + id + ".pdf\"").build());
    }

    @POST
    @Path("/me/tickets/{ticket_id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(EventAccess.DONOR)
    public Uni<Response> resendOwn(@PathParam("ticket_id") String ticketId) {
        var id = Ids.parse(ticketId, "ticket_not_found", "ticket");
        var donor = access.userId();
        return tickets.resend(id, ticket -> donor.equals(ticket.donorId())).map(done -> queued());
    }

    @POST
    @Path("/admin/events/{event_id}/tickets/{ticket_id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
    public Uni<Response> resend(@PathParam("event_id") String eventId, @PathParam("ticket_id") String ticketId) {
        var event = access.administer(eventId);
        var id = Ids.parse(ticketId, "ticket_not_found", "ticket");
        return tickets.resend(id, ticket -> event.equals(ticket.eventId())).map(done -> queued());
    }

    private static Response queued() {
        return Response.accepted(java.util.Map.of("status", "queued")).build();
    }

    @POST
    @Path("/admin/events/{event_id}/tickets/check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN, EventAccess.DOOR_STAFF})
    public Uni<TicketView> checkIn(@PathParam("event_id") String eventId, Scan scan) {
        var event = access.door(eventId);
        if (scan == null || scan.qrCode() == null || scan.qrCode().isBlank()) {
            throw DomainException.validation("qr_code", "qr_code is required");
        }
        if (scan.deviceId() != null && (scan.deviceId().isBlank() || scan.deviceId().length() > 100)) {
            throw DomainException.validation("device_id", "device_id must be 1 to 100 characters");
        }
        return tickets.checkIn(event, scan.qrCode(), access.userId(), scan.deviceId()).map(TicketView::of);
    }
}
