package org.fundrbolt.tickets.purchase.rest;

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
import org.fundrbolt.tickets.purchase.rest.model.PurchaseRequest;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView;
import org.fundrbolt.tickets.purchase.service.Idempotency;
import org.fundrbolt.tickets.purchase.service.PurchaseService;

import io.smallrye.mutiny.Uni;

/** The donor checkout (API.md, "Checkout"). */
@Path("/api/v1/events/{event_id}/tickets/purchase")
@RolesAllowed(EventAccess.DONOR)
public class CheckoutResource {

    private final PurchaseService purchases;
    private final EventAccess access;

    public CheckoutResource(PurchaseService purchases, EventAccess access) {
        this.purchases = purchases;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> purchase(@PathParam("event_id") String eventId, @Context HttpHeaders headers,
            PurchaseRequest request) {
        var event = Ids.parse(eventId, "not_found", "event");
        var donor = access.userId();
        // Read as sent, not through @HeaderParam, which makes an empty header look absent (API.md: it is a 400).
        List<String> keys = headers.getRequestHeader(Idempotency.HEADER);
        String key = Idempotency.checkFormat(keys);
        return purchases.purchase(event, donor, key, request == null ? null : request.order(),
                access.email()).map(
                        purchase -> Response
                                .created(URI.create("/api/v1/me/tickets/purchases/" + purchase.id()))
                                .entity(PurchaseView.of(purchase))
                                .build());
    }
}
