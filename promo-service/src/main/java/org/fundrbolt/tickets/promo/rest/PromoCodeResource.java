package org.fundrbolt.tickets.promo.rest;

import java.net.URI;
import java.util.List;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.platform.rest.Bodies;
import org.fundrbolt.tickets.platform.rest.EventAccess;
import org.fundrbolt.tickets.platform.rest.Ids;
import org.fundrbolt.tickets.platform.rest.IfMatch;
import org.fundrbolt.tickets.promo.domain.PromoCode;
import org.fundrbolt.tickets.promo.service.NewPromoCode;
import org.fundrbolt.tickets.promo.service.PromoCodeChanges;
import org.fundrbolt.tickets.promo.service.PromoCodeService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Admin endpoints of promo codes (API.md, "Promo codes"). */
@Path("/api/v1/admin/events/{event_id}/promo-codes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
public class PromoCodeResource {

    private final PromoCodeService promos;
    private final EventAccess access;
    private final Bodies bodies;

    public PromoCodeResource(PromoCodeService promos, EventAccess access, Bodies bodies) {
        this.promos = promos;
        this.access = access;
        this.bodies = bodies;
    }

    /** The list wrapper of API.md. */
    public record PromoCodeList(List<PromoCode> promoCodes) {
    }

    @GET
    public Uni<PromoCodeList> list(@PathParam("event_id") String eventId) {
        return promos.list(access.administer(eventId)).map(PromoCodeList::new);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@PathParam("event_id") String eventId, NewPromoCode body) {
        var event = access.administer(eventId);
        return promos.create(event, body).map(created -> Response
                .created(URI.create("/api/v1/admin/events/" + event + "/promo-codes/" + created.id()))
                .tag(String.valueOf(created.version())).entity(created).build());
    }

    @GET
    @Path("/{promo_id}")
    public Uni<Response> get(@PathParam("event_id") String eventId, @PathParam("promo_id") String promoId) {
        var event = access.administer(eventId);
        return promos.get(event, promoIdOf(promoId)).map(PromoCodeResource::withEtag);
    }

    @PATCH
    @Path("/{promo_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(@PathParam("event_id") String eventId, @PathParam("promo_id") String promoId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) throws JsonProcessingException {
        var event = access.administer(eventId);
        var changes = bodies.patch(body, PromoCodeChanges.class);
        return promos.update(event, promoIdOf(promoId), IfMatch.expectedVersion(ifMatch), changes)
                .map(PromoCodeResource::withEtag);
    }

    @DELETE
    @Path("/{promo_id}")
    public Uni<Response> delete(@PathParam("event_id") String eventId, @PathParam("promo_id") String promoId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var event = access.administer(eventId);
        return promos.delete(event, promoIdOf(promoId), IfMatch.expectedVersion(ifMatch))
                .map(nothing -> Response.noContent().build());
    }

    private static java.util.UUID promoIdOf(String text) {
        return Ids.parse(text, "promo_not_found", "promo code");
    }

    private static Response withEtag(PromoCode promo) {
        return Response.ok(promo).tag(String.valueOf(promo.version())).build();
    }
}
