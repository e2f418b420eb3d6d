package org.fundrbolt.tickets.catalog.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fundrbolt.tickets.platform.client.Instances;
import org.fundrbolt.tickets.platform.client.ServiceToken;
import org.fundrbolt.tickets.platform.problem.DomainException;

import io.smallrye.mutiny.Uni;

/**
 * The two decisions only purchase-service can take (set limit, retire), with a timeout and a
 * circuit breaker. A 409 (below what is sold) and a 412 (purchase-service already holds a newer
 * version) are answers, not failures, so they never open the breaker; callers turn any failure into
 * 503 {@code dependency_unavailable}.
 */
@ApplicationScoped
public class PurchaseClient {

    /** Answer of a set-limit call: the sold count, or {@code belowSold} when purchase-service refused. */
    public record LimitOutcome(boolean belowSold, Integer soldCount) {
    }

    private final PurchaseApi api;
    private final ServiceToken token;

    public PurchaseClient(@RestClient PurchaseApi api, ServiceToken token) {
        this.api = api;
        this.token = token;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = DomainException.class)
    public Uni<LimitOutcome> setLimit(UUID eventId, UUID packageId, Integer quantityLimit, long catalogVersion) {
        return Uni.createFrom().item(token::bearer)
                .flatMap(bearer -> api.setLimit(packageId, bearer,
                        new PurchaseApi.LimitRequest(eventId, quantityLimit, catalogVersion)))
                .onFailure(Instances::refused).retry().atMost(Instances.RETRIES_WHEN_REFUSED)
                .map(answer -> new LimitOutcome(false, answer.soldCount()))
                .onFailure(failure -> hasStatus(failure, 409)).recoverWithItem(new LimitOutcome(true, null))
                .onFailure(failure -> hasStatus(failure, 412)).transform(failure -> changedMeanwhile());
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = DomainException.class)
    public Uni<Retired> retire(UUID eventId, UUID packageId, long catalogVersion) {
        return Uni.createFrom().item(token::bearer)
                .flatMap(
                        bearer -> api.retire(packageId, bearer, new PurchaseApi.RetireRequest(eventId, catalogVersion)))
                .onFailure(Instances::refused).retry().atMost(Instances.RETRIES_WHEN_REFUSED)
                .map(answer -> new Retired(answer.soldCount(),
                        answer.everSold() != null ? answer.everSold() : answer.soldCount() > 0))
                .onFailure(failure -> hasStatus(failure, 412)).transform(failure -> changedMeanwhile());
    }

    /** purchase-service already holds a newer version of the package (412): this change was overtaken. */
    private static DomainException changedMeanwhile() {
        return DomainException.conflict("version_conflict",
                "The package was changed meanwhile; nothing was changed now. Reload it and try again.");
    }

    private static boolean hasStatus(Throwable failure, int status) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == status;
    }
}
