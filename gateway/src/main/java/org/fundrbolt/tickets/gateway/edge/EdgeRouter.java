package org.fundrbolt.tickets.gateway.edge;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fundrbolt.tickets.gateway.edge.Quotas.Quota;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Access;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Route;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The single entry point: every request goes screen → edge → authorize → limit → forward, and any step may answer
 * problem+json instead (odd path, body too large, unknown path, no rights, rate limited).
 */
@ApplicationScoped
public class EdgeRouter {

    private static final Logger LOG = Logger.getLogger(EdgeRouter.class);
    private static final String TOKEN_REFUSAL = "gateway.token-refusal";

    private final IdentityProviderManager identities;
    private final RateLimiter limiter;
    private final RequestTagging tagging;
    private final RequestScreening screening;
    private final TokenRules tokenRules;
    private final Quotas quotas;
    private final Upstreams upstreams;
    private final DocsRoutes docs;
    private final UiConfigRoute uiConfig;
    private final SecurityHeaders securityHeaders;
    private final VerifiedTokens verified = new VerifiedTokens();

    public EdgeRouter(IdentityProviderManager identities, RateLimiter limiter, RequestTagging tagging,
            RequestScreening screening, TokenRules tokenRules, Quotas quotas, Upstreams upstreams, DocsRoutes docs,
            UiConfigRoute uiConfig, SecurityHeaders securityHeaders) {
        this.identities = identities;
        this.limiter = limiter;
        this.tagging = tagging;
        this.screening = screening;
        this.tokenRules = tokenRules;
        this.quotas = quotas;
        this.upstreams = upstreams;
        this.docs = docs;
        this.uiConfig = uiConfig;
        this.securityHeaders = securityHeaders;
    }

    void install(@Observes Router router, Vertx vertx) {
        upstreams.start(vertx);
        router.route().order(Integer.MIN_VALUE).handler(tagging::handle);
        router.route().order(Integer.MIN_VALUE).handler(securityHeaders::handle);
        router.route().order(Integer.MIN_VALUE).handler(screening::handle);
        // A token that fails verification is refused by the HTTP security layer before any route runs.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationFailedException || ctx.statusCode() == 401) {
                Problems.unauthenticated(ctx);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(401, Problems::unauthenticated);
        // Whatever still fails below the edge (a missing asset, a docs failure) answers problem+json, not HTML.
        router.errorHandler(404, Problems::notFound);
        router.errorHandler(405, ctx -> Problems.send(ctx, 405, "method_not_allowed",
                "This method is not allowed on this path."));
        router.errorHandler(500, ctx -> {
            LOG.error("Request failed", ctx.failure());
            Problems.send(ctx, 500, "internal_error", "Something went wrong on our side.");
        });
        router.routeWithRegex("/(api|images|internal|q)(/.*)?").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::edge);
        docs.install(router, vertx);
        uiConfig.install(router);
    }

    private void edge(RoutingContext ctx) {
        Optional<Route> matched = RouteTable.match(ctx.request().path());
        if (matched.isEmpty()) {
            Problems.notFound(ctx);
            return;
        }
        Route route = matched.get();
        // The body waits while the token and the rate limit are checked asynchronously; the proxy resumes it.
        ctx.request().pause();
        if (route.kind() == Kind.SALES_STREAM) {
            moveQueryTokenToHeader(ctx);
        }
        if (route.access() == Access.PUBLIC) {
            limitPublicCall(ctx, route);
        } else {
            identify(ctx, identity -> authorize(ctx, route, identity));
        }
    }

    /** A public call counts against its client's budget unless it carries a valid token: any header is no pass. */
    private void limitPublicCall(RoutingContext ctx, Route route) {
        Optional<Quota> perClient = quotas.forAnonymousCall(ctx.request(), route);
        if (perClient.isEmpty() || ctx.request().getHeader("Authorization") == null) {
            limit(ctx, route, perClient);
            return;
        }
        identify(ctx, identity -> limit(ctx, route,
                isVerified(identity) ? quotas.forCaller(identity, route) : perClient));
    }

    /** Hands on the identity of the request's token, or null when it carries no valid one. */
    private void identify(RoutingContext ctx, Consumer<SecurityIdentity> then) {
        // Quarkus would answer a bad token with an empty 401 by itself; the caller decides instead.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (c, e) -> {
        });
        String authorization = ctx.request().getHeader("Authorization");
        SecurityIdentity known = verified.lookup(authorization);
        if (known != null) {
            then.accept(known);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, identities).subscribe().with(
                identity -> {
                    Optional<String> refusal = refusalOf(identity);
                    if (refusal.isPresent()) {
                        ctx.put(TOKEN_REFUSAL, refusal.get());
                        then.accept(null);
                        return;
                    }
                    verified.remember(authorization, identity);
                    then.accept(identity);
                },
                failure -> then.accept(null));
    }

    /** The edge's own token rules, on a token that smallrye-jwt has verified. */
    private Optional<String> refusalOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return tokenRules.refusal(token, Instant.now());
    }

    private static boolean isVerified(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous();
    }

    private void authorize(RoutingContext ctx, Route route, SecurityIdentity identity) {
        if (!isVerified(identity)) {
            ctx.request().resume();
            String refusal = ctx.get(TOKEN_REFUSAL);
            if (refusal != null) {
                Problems.send(ctx, 401, "unauthenticated", refusal);
            } else {
                Problems.unauthenticated(ctx);
            }
            return;
        }
        boolean allowed = switch (route.access()) {
            case ADMIN -> EdgeAccess.mayAdminister(identity, route.eventId());
            case DOOR -> EdgeAccess.mayWorkTheDoor(identity, route.eventId());
            default -> EdgeAccess.isDonor(identity);
        };
        if (!allowed) {
            ctx.request().resume();
            Problems.forbidden(ctx, route.access() == Access.DONOR
                    ? "This endpoint is for donors."
                    : "Your token does not allow administering this event.");
            return;
        }
        limit(ctx, route, quotas.forCaller(identity, route));
    }

    private void limit(RoutingContext ctx, Route route, Optional<Quota> quota) {
        if (quota.isEmpty()) {
            forward(ctx, route);
            return;
        }
        Quota q = quota.get();
        limiter.hit(q.bucket(), q.subject(), q.perMinute()).subscribe().with(verdict -> {
            if (verdict.allowed()) {
                forward(ctx, route);
            } else {
                ctx.request().resume();
                ctx.response().putHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
                Problems.send(ctx, 429, "rate_limited", "Too many requests; try again in "
                        + verdict.retryAfterSeconds() + " s.", Map.of("retry_after", verdict.retryAfterSeconds()));
            }
        }, failure -> {
            // The limiter decides locally when Redis fails, so this is a bug: refuse rather than pass.
            LOG.errorf(failure, "rate limit of %s not decided", q.bucket());
            ctx.request().resume();
            Problems.send(ctx, 503, "dependency_unavailable", "The request could not be checked; try again shortly.");
        });
    }

    private void forward(RoutingContext ctx, Route route) {
        upstreams.forward(ctx.request(), route.service());
    }

    /** Browsers cannot set headers on an EventSource: the stream alone takes {@code ?access_token=}. */
    private static void moveQueryTokenToHeader(RoutingContext ctx) {
        String token = ctx.request().getParam("access_token");
        if (token != null && !token.isBlank() && ctx.request().getHeader("Authorization") == null) {
            ctx.request().headers().set("Authorization", "Bearer " + token);
        }
    }
}
