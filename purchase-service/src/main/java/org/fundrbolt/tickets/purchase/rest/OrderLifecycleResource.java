package org.fundrbolt.tickets.purchase.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.purchase.domain.Cancellation;
import org.fundrbolt.tickets.purchase.rest.model.AdminOrderRequest;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView.CancellationView;
import org.fundrbolt.tickets.purchase.service.CancellationService;
import org.fundrbolt.tickets.purchase.service.Idempotency;
import org.fundrbolt.tickets.purchase.service.PurchaseService;

import io.smallrye.mutiny.Uni;

/**
 * The order lifecycle (API.md, "Order lifecycle"): a coordinator's cancellations and orders, a donor's release of
 * own seats. Each takes an optional Idempotency-Key with the checkout's rules.
 */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderLifecycleResource {

    /** Body of a coordinator's cancellation. */
    public record CancellationRequest(List<String> ticketIds, BigDecimal refundAmount, String reason) {
    }

    /** Body of a donor's release; absent means every valid ticket of the purchase. */
    public record ReleaseRequest(List<String> ticketIds) {
    }

    private final CancellationService cancellations;
    private final PurchaseService purchases;
    private final EventAccess access;

    public OrderLifecycleResource(CancellationService cancellations, PurchaseService purchases, EventAccess access) {
        this.cancellations = cancellations;
        this.purchases = purchases;
        this.access = access;
    }

    @POST
    @Path("/admin/events/{event_id}/tickets/purchases/{purchase_id}/cancellations")
    @RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
    public Uni<Response> cancel(@PathParam("event_id") String eventId, @PathParam("purchase_id") String purchaseId,
            @Context HttpHeaders headers, CancellationRequest body) {
        var event = access.administer(eventId);
        var id = Ids.parse(purchaseId, "purchase_not_found", "purchase");
        String key = Idempotency.checkFormat(headers.getRequestHeader(Idempotency.HEADER));
        CancellationRequest request = body == null ? new CancellationRequest(null, null, null) : body;
        return cancellations.cancel(event, null, id, access.userId(), new CancellationService.Request(
                Cancellation.REFUND, request.ticketIds(), request.refundAmount(), request.reason()), key)
                .map(OrderLifecycleResource::created);
    }

    @POST
    @Path("/me/tickets/purchases/{purchase_id}/release")
    @RolesAllowed(EventAccess.DONOR)
    public Uni<Response> release(@PathParam("purchase_id") String purchaseId, @Context HttpHeaders headers,
            ReleaseRequest body) {
        var id = Ids.parse(purchaseId, "purchase_not_found", "purchase");
        var donor = access.userId();
        String key = Idempotency.checkFormat(headers.getRequestHeader(Idempotency.HEADER));
        return cancellations.cancel(null, donor, id, donor, new CancellationService.Request(Cancellation.RELEASE,
                body == null ? null : body.ticketIds(), null, null), key).map(OrderLifecycleResource::created);
    }

    @POST
    @Path("/admin/events/{event_id}/tickets/purchases")
    @RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
    public Uni<Response> order(@PathParam("event_id") String eventId, @Context HttpHeaders headers,
            AdminOrderRequest body) {
        var event = access.administer(eventId);
        String key = Idempotency.checkFormat(headers.getRequestHeader(Idempotency.HEADER));
        return purchases.order(event, access.userId(), key, body == null ? null : body.order())
                .map(purchase -> Response.created(URI.create("/api/v1/admin/events/" + event
                        + "/tickets/purchases/" + purchase.id())).entity(PurchaseView.admin(purchase, List.of()))
                        .build());
    }

    private static Response created(Cancellation cancellation) {
        return Response.status(201).entity(CancellationView.of(cancellation)).build();
    }
}
