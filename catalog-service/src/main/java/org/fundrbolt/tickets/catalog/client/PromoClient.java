package org.fundrbolt.tickets.catalog.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Asks promo-service which hidden packages a code unlocks for a donor, with a timeout and a circuit breaker. Its
 * 429 (the donor's anti-guessing limit) is an answer passed on with the same Retry-After and never opens the breaker;
 * callers turn any other failure into 503 {@code dependency_unavailable}.
 */
@ApplicationScoped
public class PromoClient {

    private final PromoApi api;
    private final ServiceToken token;

    public PromoClient(@RestClient PromoApi api, ServiceToken token) {
        this.api = api;
        this.token = token;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = DomainException.class)
    public Uni<Set<UUID>> unlocks(UUID eventId, UUID donorId, String code) {
        return Uni.createFrom().item(token::bearer)
                .flatMap(bearer -> api.unlocks(bearer, new PromoApi.UnlockRequest(eventId, donorId, code)))
                .onFailure(Instances::refused).retry().atMost(Instances.RETRIES_WHEN_REFUSED)
                .map(answer -> answer.packageIds() == null ? Set.<UUID>of() : Set.copyOf(answer.packageIds()))
                .onFailure(PromoClient::rateLimited).transform(PromoClient::tooManyGuesses);
    }

    private static boolean rateLimited(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == 429;
    }

    private static DomainException tooManyGuesses(Throwable failure) {
        String retryAfter = ((WebApplicationException) failure).getResponse().getHeaderString("Retry-After");
        return new DomainException(429, "rate_limited",
                "Too many codes that did not work; try again" + (retryAfter == null
                        ? " later."
                        : " in " + retryAfter
                                + " s."),
                List.of(), retryAfter == null ? Map.of() : Map.of("retry_after", retryAfter));
    }
}
