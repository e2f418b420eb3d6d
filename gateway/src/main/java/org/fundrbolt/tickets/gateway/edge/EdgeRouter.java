package org.fundrbolt.tickets.gateway.edge;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Access;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Route;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Service;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The single entry point: tags every request with an {@code X-Request-Id}, routes the paths of
 * API.md to their owning service with a streaming reverse proxy, checks the token at the edge, and
 * answers problem+json itself for unknown paths, missing rights and services that are down.
 */
@ApplicationScoped
public class EdgeRouter {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger ACCESS = Logger.getLogger("gateway.access");
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern ACCESS_TOKEN_PARAM = Pattern.compile("(^|&)access_token=[^&]*");

    private final GatewayConfig config;
    private final IdentityProviderManager identities;
    private final RateLimiter limiter;
    private final OpenApiMerger openApi;
    private final Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);
    private final VerifiedTokens verified = new VerifiedTokens();

    public EdgeRouter(GatewayConfig config, IdentityProviderManager identities, RateLimiter limiter,
            OpenApiMerger openApi) {
        this.config = config;
        this.identities = identities;
        this.limiter = limiter;
        this.openApi = openApi;
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(256));
        proxies.put(Service.CATALOG, proxy(client, config.services().catalogUrl()));
        proxies.put(Service.PROMO, proxy(client, config.services().promoUrl()));
        proxies.put(Service.PURCHASE, proxy(client, config.services().purchaseUrl()));
        proxies.put(Service.MEDIA, proxy(client, config.services().mediaUrl()));

        router.route().order(Integer.MIN_VALUE).handler(this::tagRequest);
        // A token that fails verification is refused by the HTTP security layer before any route runs.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationFailedException || ctx.statusCode() == 401) {
                Problems.unauthenticated(ctx);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(401, Problems::unauthenticated);
        router.routeWithRegex("/(api|images|internal)(/.*)?").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::edge);
        router.get("/openapi.json").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> openApi.merged(vertx)
                .onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc.encode()))
                .onFailure(ctx::fail));
        router.get("/config.json").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
                .end(uiConfig().encode()));
        router.getWithRegex("/docs/?").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8").end(DOCS_PAGE));
    }

    /** What the web UI needs to sign users in: the OIDC provider, or null for the paste-token sign-in. */
    private io.vertx.core.json.JsonObject uiConfig() {
        var oidc = config.oidc();
        if (oidc.issuer().isEmpty() || oidc.clientId().isEmpty()) {
            return new io.vertx.core.json.JsonObject().putNull("oidc");
        }
        return new io.vertx.core.json.JsonObject().put("oidc", new io.vertx.core.json.JsonObject()
                .put("issuer", oidc.issuer().get()).put("client_id", oidc.clientId().get()));
    }

    private HttpProxy proxy(HttpClient client, String baseUrl) {
        URI uri = URI.create(baseUrl);
        SocketAddress origin = SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        proxy.originRequestProvider((request, httpClient) -> {
            boolean stream = request.path().endsWith("/sales/stream");
            return httpClient.request(new RequestOptions().setServer(origin)
                    .setIdleTimeout(stream ? 0 : config.upstreamTimeout().toMillis()));
        });
        proxy.addInterceptor(new UpstreamInterceptor(uri.getHost() + ":" + uri.getPort()));
        return proxy;
    }

    private void tagRequest(RoutingContext ctx) {
        String requestId = ctx.request().getHeader(REQUEST_ID);
        if (requestId == null || !ACCEPTABLE_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            ctx.request().headers().set(REQUEST_ID, requestId);
        }
        ctx.put(REQUEST_ID, requestId);
        ctx.response().putHeader(REQUEST_ID, requestId);
        long started = System.nanoTime();
        String finalId = requestId;
        ctx.addEndHandler(done -> ACCESS.infof("request_id=%s %s %s status=%d %.1fms", finalId,
                ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
                (System.nanoTime() - started) / 1e6));
        ctx.next();
    }

    private void edge(RoutingContext ctx) {
        Optional<Route> matched = RouteTable.match(ctx.request().path());
        if (matched.isEmpty()) {
            Problems.notFound(ctx);
            return;
        }
        Route route = matched.get();
        if (!bodyWithinLimit(ctx, route)) {
            return;
        }
        ctx.request().pause();
        if (route.kind() == Kind.SALES_STREAM) {
            moveQueryTokenToHeader(ctx);
        }
        if (route.access() == Access.PUBLIC) {
            boolean anonymous = ctx.request().getHeader("Authorization") == null;
            if (anonymous && route.kind() != Kind.IMAGES && config.rateLimits().enabled()) {
                limited(ctx, route, "anonymous", clientIp(ctx), config.rateLimits().anonymousPerMinute());
            } else {
                forward(ctx, route);
            }
            return;
        }
        // Quarkus would answer a bad token with an empty 401; answer problem+json instead.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (java.util.function.BiConsumer<RoutingContext, Throwable>) (c, e) -> {
            c.request().resume();
            Problems.unauthenticated(c);
        });
        String authorization = ctx.request().getHeader("Authorization");
        SecurityIdentity known = verified.lookup(authorization);
        if (known != null) {
            authorize(ctx, route, known);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, identities).subscribe().with(
                identity -> {
                    verified.remember(authorization, identity);
                    authorize(ctx, route, identity);
                },
                failure -> {
                    ctx.request().resume();
                    Problems.unauthenticated(ctx);
                });
    }

    private void authorize(RoutingContext ctx, Route route, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            ctx.request().resume();
            Problems.unauthenticated(ctx);
            return;
        }
        boolean allowed = route.access() == Access.ADMIN
                ? EdgeAccess.mayAdminister(identity, route.eventId())
                : EdgeAccess.isDonor(identity);
        if (!allowed) {
            ctx.request().resume();
            Problems.forbidden(ctx, route.access() == Access.ADMIN
                    ? "Your token does not allow administering this event."
                    : "This endpoint is for donors.");
            return;
        }
        if (config.rateLimits().enabled() && route.kind() == Kind.CHECKOUT) {
            limited(ctx, route, "checkout", identity.getPrincipal().getName(), config.rateLimits().checkoutPerMinute());
        } else if (config.rateLimits().enabled() && route.kind() == Kind.PROMO_VALIDATE) {
            limited(ctx, route, "promo-validate", identity.getPrincipal().getName(),
                    config.rateLimits().promoValidatePerMinute());
        } else {
            forward(ctx, route);
        }
    }

    private void limited(RoutingContext ctx, Route route, String bucket, String subject, int perMinute) {
        limiter.hit(bucket, subject, perMinute).subscribe().with(verdict -> {
            if (verdict.allowed()) {
                forward(ctx, route);
            } else {
                ctx.request().resume();
                ctx.response().putHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
                Problems.send(ctx, 429, "Too Many Requests", "rate_limited", "Too many requests; try again in "
                        + verdict.retryAfterSeconds() + " s.", Map.of("retry_after", verdict.retryAfterSeconds()));
            }
        }, failure -> forward(ctx, route));
    }

    /** Refuses a body that announces more than its route allows, before a byte of it is forwarded. */
    private boolean bodyWithinLimit(RoutingContext ctx, Route route) {
        String length = ctx.request().getHeader("Content-Length");
        if (length == null) {
            return true; // chunked: the service's own body limit answers 413 as problem+json
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            Problems.send(ctx, 400, "Bad Request", "malformed_json", "Content-Length is not a number.");
            return false;
        }
        if (route.kind() == Kind.IMAGE_UPLOAD && bytes > config.maxImageUploadBytes()) {
            Problems.send(ctx, 413, "Content Too Large", "image_too_large", "Images may be at most 5 MiB.");
            return false;
        }
        if (route.kind() != Kind.IMAGE_UPLOAD && bytes > config.maxJsonBytes()) {
            Problems.send(ctx, 413, "Content Too Large", "payload_too_large", "JSON bodies may be at most 1 MiB.");
            return false;
        }
        return true;
    }

    private String clientIp(RoutingContext ctx) {
        if (config.trustForwardedFor()) {
            String forwarded = ctx.request().getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    }

    private void forward(RoutingContext ctx, Route route) {
        proxies.get(route.service()).handle(ctx.request());
    }

    private static final String DOCS_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>FundrBolt Tickets API</title>
            <link rel="stylesheet" href="/openapi-ui/swagger-ui.css"></head>
            <body><div id="swagger-ui"></div>
            <script src="/openapi-ui/swagger-ui-bundle.js"></script>
            <script>SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});</script>
            </body></html>
            """;

    /** Browsers cannot set headers on an EventSource: the stream alone takes {@code ?access_token=}. */
    private static void moveQueryTokenToHeader(RoutingContext ctx) {
        String token = ctx.request().getParam("access_token");
        if (token != null && !token.isBlank() && ctx.request().getHeader("Authorization") == null) {
            ctx.request().headers().set("Authorization", "Bearer " + token);
        }
    }

    /** Strips the token from the forwarded URI and turns an unreachable service into 503 problem+json. */
    private static final class UpstreamInterceptor implements ProxyInterceptor {

        private final String upstream;

        UpstreamInterceptor(String upstream) {
            this.upstream = upstream;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            String uri = context.request().getURI();
            int query = uri.indexOf('?');
            if (query >= 0 && uri.contains("access_token=")) {
                String rest = ACCESS_TOKEN_PARAM.matcher(uri.substring(query + 1)).replaceAll("")
                        .replaceFirst("^&", "");
                context.request().setURI(uri.substring(0, query) + (rest.isEmpty() ? "" : "?" + rest));
            }
            return context.sendRequest().recover(failure -> {
                if (failure instanceof io.vertx.core.http.StreamResetException) {
                    // The client went away (closed its connection) and the proxy cancelled the upstream call.
                    Logger.getLogger(EdgeRouter.class).debugf("request to %s cancelled by its client", upstream);
                } else {
                    Logger.getLogger(EdgeRouter.class).warnf("upstream %s unavailable: %s", upstream, failure.toString());
                }
                ProxyResponse response = context.request().response();
                response.headers().clear();
                response.setStatusCode(503).setStatusMessage("Service Unavailable")
                        .putHeader("Content-Type", Problems.PROBLEM_JSON)
                        .setBody(Body.body(Buffer.buffer(Problems.body(503, "Service Unavailable",
                                "dependency_unavailable", "A service behind the gateway is not reachable right now; "
                                        + "nothing was changed. Try again shortly.", Map.of()))));
                return Future.succeededFuture(response);
            });
        }
    }
}
