package org.fundrbolt.tickets.promo.client;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** purchase-service's answer to "was this purchase committed?"; used through {@link PurchaseLookup}. */
@RegisterRestClient(configKey = "purchase")
@Path("/internal/v1/purchases/{purchase_id}")
public interface PurchaseApi {

    @GET
    Uni<Map<String, Object>> committed(@PathParam("purchase_id") UUID purchaseId,
            @HeaderParam("Authorization") String authorization);
}
