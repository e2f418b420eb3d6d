package org.fundrbolt.tickets.gateway.edge;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Route;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Picks the rate limit of API.md a call counts against: calls without a valid token per client, checkout and
 * promo validation per donor.
 */
@ApplicationScoped
public class Quotas {

    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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

    /**
     * The budget of a public call made without a valid token, per client: whatever its {@code Authorization}
     * header holds (nothing, Basic, a forged or expired token), only a verified token lifts it.
     */
    public Optional<Quota> forAnonymousCall(HttpServerRequest request, Route route) {
        String remoteHost = request.remoteAddress() == null ? null : request.remoteAddress().host();
        return forAnonymousCall(route.kind(), clientIp(request.getHeader("X-Forwarded-For"), remoteHost));
    }

    public Optional<Quota> forCaller(SecurityIdentity identity, Route route) {
        return forCaller(route.kind(), donorId(subjectOf(identity)));
    }

    Optional<Quota> forAnonymousCall(Kind kind, String clientIp) {
        if (kind == Kind.IMAGES || !limits.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Quota("anonymous", clientIp, limits.anonymousPerMinute()));
    }

    Optional<Quota> forCaller(Kind kind, String donorId) {
        if (!limits.enabled()) {
            return Optional.empty();
        }
        return switch (kind) {
            case CHECKOUT -> Optional.of(new Quota("checkout", donorId, limits.checkoutPerMinute()));
            case PROMO_VALIDATE -> Optional.of(new Quota("promo-validate", donorId, limits.promoValidatePerMinute()));
            default -> Optional.empty();
        };
    }

    /** The donor a budget belongs to: one UUID is one donor however its letters are cased. */
    static String donorId(String subject) {
        return subject != null && UUID_TEXT.matcher(subject).matches() ? subject.toLowerCase(Locale.ROOT) : subject;
    }

    /** The token's {@code sub} (the principal's name may be its {@code upn} or {@code preferred_username}). */
    private static String subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    String clientIp(String forwardedFor, String remoteHost) {
        // Any client can write X-Forwarded-For; only a trusted ingress in front makes it the client's address.
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            return forwardedFor.split(",")[0].trim();
        }
        return remoteHost == null ? "unknown" : remoteHost;
    }
}
