package org.fundrbolt.tickets.catalog.client;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.smallrye.mutiny.Uni;

/**
 * purchase-service's cumulative sale figures per package, changed after a cursor (ARCHITECTURE.md, "Projections
 * converge from the truth"); read by {@link org.fundrbolt.tickets.catalog.service.SalesReconciler}.
 */
@RegisterRestClient(configKey = "purchase")
@Path("/internal/v1/inventory")
public interface PurchaseFiguresApi {

    /**
     * One package's figures as the inventory row holds them: {@code soldCount} packages sold minus returned,
     * {@code ticketsAfter} valid seats, {@code revenueAfter} net of refunds. {@code refundedAfter},
     * {@code donationsAfter} and {@code cancelledTicketsAfter} are null from a purchase-service that does not send
     * them yet. Fields added later are ignored (the application's mapper refuses unknown ones), so purchase-service
     * can grow its rows without stopping the reconciliation.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Figures(UUID packageId, UUID eventId, int soldCount, long ticketsAfter, BigDecimal revenueAfter,
            BigDecimal refundedAfter, BigDecimal donationsAfter, Long cancelledTicketsAfter, long inventoryVersion,
            String updatedAt) {
    }

    /** The cursor of the next page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cursor(String updatedAfter, UUID afterPackage) {
    }

    /** One keyset page; {@code next} is null after the last. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Figures> figures, Cursor next) {
    }

    @GET
    Uni<Page> figures(@HeaderParam("Authorization") String authorization,
            @QueryParam("updated_after") String updatedAfter,
            @QueryParam("after_package") UUID afterPackage, @QueryParam("limit") int limit);
}
