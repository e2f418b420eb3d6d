package org.fundrbolt.tickets.promo.client;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fundrbolt.tickets.platform.client.Instances;
import org.fundrbolt.tickets.platform.client.ServiceToken;

import io.smallrye.mutiny.Uni;

/**
 * Asks purchase-service, the owner of purchases, whether one was committed: {@code true} (keep the use),
 * {@code false} (404: it does not exist). Any other answer or a timeout is a failure — not knowing is never
 * taken for "no".
 */
@ApplicationScoped
public class PurchaseLookup {

    private final PurchaseApi api;
    private final ServiceToken token;

    public PurchaseLookup(@RestClient PurchaseApi api, ServiceToken token) {
        this.api = api;
        this.token = token;
    }

    public Uni<Boolean> committed(UUID purchaseId) {
        return Uni.createFrom().item(token::bearer)
                .chain(bearer -> api.committed(purchaseId, bearer))
                .onFailure(Instances::refused).retry().atMost(Instances.RETRIES_WHEN_REFUSED)
                .map(answer -> Boolean.TRUE)
                .onFailure(failure -> failure instanceof WebApplicationException web && web.getResponse() != null
                        && web.getResponse().getStatus() == 404)
                .recoverWithItem(Boolean.FALSE)
                .ifNoItem().after(Duration.ofSeconds(3)).fail();
    }
}
