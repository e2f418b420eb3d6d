package org.fundrbolt.tickets.purchase.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.mail.MailOutbox;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView;
import org.fundrbolt.tickets.purchase.service.TicketSigner;

import io.smallrye.mutiny.Uni;

/** Reads of purchases: the coordinator's list, the donor's own purchases, and the public signing keys. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PurchaseReadResource {

    private final PurchaseQueries purchases;
    private final EventAccess access;
    private final TicketSigner signer;
    private final MailOutbox mails;

    public PurchaseReadResource(PurchaseQueries purchases, EventAccess access, TicketSigner signer, MailOutbox mails) {
        this.mails = mails;
        this.purchases = purchases;
        this.access = access;
        this.signer = signer;
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/purchases")
    @RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
    public Uni<Map<String, Object>> list(@PathParam("event_id") String eventId,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size,
            @QueryParam("status") String status, @QueryParam("q") String query) {
        var event = access.administer(eventId);
        int pageNumber = QueryParams.page(page);
        int pageSize = QueryParams.size(size);
        if (status != null && !status.equals(Purchase.ACTIVE) && !status.equals(Purchase.CANCELLED)) {
            throw DomainException.validation("status", "status must be active or cancelled");
        }
        return purchases.byEvent(event, status, QueryParams.search(query), pageNumber, pageSize)
                .chain(found -> mails.ofPurchases(found.purchases().stream().map(Purchase::id).toList())
                        .map(byPurchase -> Map.of("purchases", found.purchases().stream()
                                .map(purchase -> PurchaseView.admin(purchase, byPurchase.get(purchase.id()))).toList(),
                                "page", pageNumber, "size", pageSize, "total", found.total())));
    }

    @GET
    @Path("/admin/events/{event_id}/tickets/purchases/{purchase_id}")
    @RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
    public Uni<PurchaseView> one(@PathParam("event_id") String eventId, @PathParam("purchase_id") String purchaseId) {
        var event = access.administer(eventId);
        var id = Ids.parse(purchaseId, "purchase_not_found", "purchase");
        return purchases.find(id).map(found -> found.filter(purchase -> purchase.eventId().equals(event))
                .orElseThrow(() -> DomainException.notFound("purchase_not_found",
                        "This event has no purchase " + id + ".")))
                .chain(purchase -> mails.ofPurchases(List.of(purchase.id()))
                        .map(byPurchase -> PurchaseView.admin(purchase, byPurchase.get(purchase.id()))));
    }

    @GET
    @Path("/me/tickets/purchases")
    @RolesAllowed(EventAccess.DONOR)
    public Uni<Map<String, List<PurchaseView>>> mine() {
        return purchases.byDonor(access.userId()).map(found -> Map.of("purchases", views(found)));
    }

    @GET
    @Path("/tickets/signing-keys")
    @PermitAll
    public Map<String, Object> signingKeys() {
        return signer.jwks();
    }

    private static List<PurchaseView> views(List<Purchase> purchases) {
        return purchases.stream().map(PurchaseView::of).toList();
    }
}
