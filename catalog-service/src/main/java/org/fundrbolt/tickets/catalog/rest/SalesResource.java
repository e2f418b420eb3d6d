package org.fundrbolt.tickets.catalog.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.fundrbolt.tickets.catalog.config.CatalogConfig;
import org.fundrbolt.tickets.catalog.domain.SalesView;
import org.fundrbolt.tickets.catalog.service.SalesFeed;
import org.fundrbolt.tickets.catalog.service.SalesService;
import org.fundrbolt.tickets.platform.rest.EventAccess;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The live sales view of an event and its SSE stream (API.md, "Sales"). */
@Path("/api/v1/admin/events/{event_id}/tickets/sales")
@RolesAllowed({EventAccess.COORDINATOR, EventAccess.SUPER_ADMIN})
public class SalesResource {

    private final SalesService sales;
    private final SalesFeed feed;
    private final EventAccess access;
    private final CatalogConfig config;

    public SalesResource(SalesService sales, SalesFeed feed, EventAccess access, CatalogConfig config) {
        this.sales = sales;
        this.feed = feed;
        this.access = access;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SalesView> view(@PathParam("event_id") String eventId) {
        return sales.view(access.administer(eventId));
    }

    /** The figures now, again on every change announced through Redis, and a comment heartbeat. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@PathParam("event_id") String eventId, @Context Sse sse) {
        UUID event = access.administer(eventId);
        Multi<SalesView> updates = feed.changesOf(event).onItem().transformToUniAndConcatenate(id -> sales.view(event));
        Multi<OutboundSseEvent> figures = Multi.createBy().merging()
                .streams(Multi.createFrom().uni(sales.view(event)), updates)
                .map(view -> sse.newEventBuilder().name("sales").mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(String.class, sales.write(view)).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.sales().heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(figures, heartbeats);
    }
}
