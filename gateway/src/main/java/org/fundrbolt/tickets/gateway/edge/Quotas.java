package org.fundrbolt.tickets.gateway.edge;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Route;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Picks the rate limit of API.md a call counts against: anonymous calls per client, checkout and promo validation per donor. */
@ApplicationScoped
public class Quotas {

    /** A budget of {@code perMinute} calls for one {@code subject} in one {@code bucket}. */
    public record Quota(String bucket, String subject, int perMinute) {
    }

    private final GatewayConfig.RateLimits limits;
    private final boolean trustForwardedFor;

    @Inject
    public Quotas(GatewayConfig config) {
        this(config.rateLimits(), config.trustForwardedFor());
    }

    Quotas(GatewayConfig.RateLimits limits, boolean trustForwardedFor) {
        this.limits = limits;
        this.trustForwardedFor = trustForwardedFor;
    }

    public Optional<Quota> forPublicCall(HttpServerRequest request, Route route) {
        String remoteHost = request.remoteAddress() == null ? null : request.remoteAddress().host();
        return forPublicCall(route.kind(), request.getHeader("Authorization") != null,
                clientIp(request.getHeader("X-Forwarded-For"), remoteHost));
    }

    public Optional<Quota> forCaller(SecurityIdentity identity, Route route) {
        return forCaller(route.kind(), identity.getPrincipal().getName());
    }

    Optional<Quota> forPublicCall(Kind kind, boolean hasToken, String clientIp) {
        if (hasToken || kind == Kind.IMAGES || !limits.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Quota("anonymous", clientIp, limits.anonymousPerMinute()));
    }

    Optional<Quota> forCaller(Kind kind, String subject) {
        if (!limits.enabled()) {
            return Optional.empty();
        }
        return switch (kind) {
            case CHECKOUT -> Optional.of(new Quota("checkout", subject, limits.checkoutPerMinute()));
            case PROMO_VALIDATE -> Optional.of(new Quota("promo-validate", subject, limits.promoValidatePerMinute()));
            default -> Optional.empty();
        };
    }

    String clientIp(String forwardedFor, String remoteHost) {
        // Any client can write X-Forwarded-For; only a trusted ingress in front makes it the client's address.
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            return forwardedFor.split(",")[0].trim();
        }
        return remoteHost == null ? "unknown" : remoteHost;
    }
}
