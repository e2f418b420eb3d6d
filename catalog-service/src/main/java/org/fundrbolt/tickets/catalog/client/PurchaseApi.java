package org.fundrbolt.tickets.catalog.client;

import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** purchase-service's internal inventory endpoints (ARCHITECTURE.md, synchronous calls); used through {@link PurchaseClient}. */
@RegisterRestClient(configKey = "purchase")
@Path("/internal/v1/inventory/{package_id}")
public interface PurchaseApi {

    /** Body of a set-limit call. */
    record LimitRequest(UUID eventId, Integer quantityLimit, long catalogVersion) {
    }

    /** Body of a retire call. */
    record RetireRequest(UUID eventId, long catalogVersion) {
    }

    /** The authoritative sold count answered by both calls. */
    record SoldCount(int soldCount, Boolean everSold) {
    }

    @PUT
    @Path("/limit")
    Uni<SoldCount> setLimit(@PathParam("package_id") UUID packageId, @HeaderParam("Authorization") String authorization,
            LimitRequest body);

    @POST
    @Path("/retire")
    Uni<SoldCount> retire(@PathParam("package_id") UUID packageId, @HeaderParam("Authorization") String authorization,
            RetireRequest body);
}
