package org.fundrbolt.tickets.catalog.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.smallrye.mutiny.Uni;

/** promo-service's internal unlocks endpoint (the sales-rules contract); used through {@link PromoClient}. */
@RegisterRestClient(configKey = "promo")
@Path("/internal/v1/unlocks")
public interface PromoApi {

    /** Body of an unlocks call: the code as the donor typed it. */
    record UnlockRequest(UUID eventId, UUID donorId, String code) {
    }

    /**
     * The hidden packages the code opens (empty for an unknown, inactive or expired code). Fields added later are
     * ignored (the application's mapper refuses unknown ones), so promo-service can grow its answer.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unlocks(String code, List<UUID> packageIds) {
    }

    @POST
    Uni<Unlocks> unlocks(@HeaderParam("Authorization") String authorization, UnlockRequest body);
}
