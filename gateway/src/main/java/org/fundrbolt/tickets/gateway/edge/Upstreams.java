package org.fundrbolt.tickets.gateway.edge;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Service;
import org.fundrbolt.tickets.platform.client.Instances;
import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/** Forwards a request to the service that owns it, through one streaming reverse proxy per service. */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);
    private static final Pattern ACCESS_TOKEN_PARAM = Pattern.compile("(^|&)access_token=[^&]*");

    private final GatewayConfig config;
    private final Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);

    public Upstreams(GatewayConfig config) {
        this.config = config;
    }

    public void start(Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(256));
        proxies.put(Service.CATALOG, proxy(client, config.services().catalogUrl()));
        proxies.put(Service.PROMO, proxy(client, config.services().promoUrl()));
        proxies.put(Service.PURCHASE, proxy(client, config.services().purchaseUrl()));
        proxies.put(Service.MEDIA, proxy(client, config.services().mediaUrl()));
    }

    public void forward(HttpServerRequest request, Service service) {
        proxies.get(service).handle(request);
    }

    /**
     * The service's instances (a base URL, or a comma-separated list: {@link Instances}) are taken in turn; one that
     * refuses the connection (stopped, restarting) is passed over for the next, so a replica going away costs its
     * callers nothing. A request is only ever sent once: a connection that was opened is never tried again.
     */
    private HttpProxy proxy(HttpClient client, String baseUrls) {
        Instances instances = Instances.of(baseUrls);
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        proxy.originRequestProvider((request, httpClient) -> connect(httpClient, instances.inTurn(), 0,
                idleTimeoutMillis(request.path(), config.upstreamTimeout())));
        proxy.addInterceptor(new UpstreamInterceptor(instances.all().stream()
                .map(uri -> uri.getHost() + ":" + uri.getPort()).collect(java.util.stream.Collectors.joining(","))));
        return proxy;
    }

    private static Future<HttpClientRequest> connect(HttpClient client, List<URI> order, int attempt,
            long idleTimeout) {
        URI uri = order.get(attempt);
        SocketAddress origin = SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
        Future<HttpClientRequest> request = client
                .request(new RequestOptions().setServer(origin).setIdleTimeout(idleTimeout));
        if (attempt + 1 >= order.size()) {
            return request;
        }
        return request.recover(failure -> Instances.refused(failure)
                ? connect(client, order, attempt + 1, idleTimeout)
                : Future.failedFuture(failure));
    }

    /** The sales stream is an SSE stream that stays open and quiet for minutes, so it has no idle timeout. */
    static long idleTimeoutMillis(String path, Duration upstreamTimeout) {
        return path.endsWith("/sales/stream") ? 0 : upstreamTimeout.toMillis();
    }

    /** A service's absolute {@code Location} as a path on the gateway's origin. */
    static String relativeLocation(String location) {
        try {
            URI uri = URI.create(location);
            if (uri.getScheme() == null) {
                return location;
            }
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

    /** The services log the URIs they receive, so a token passed as {@code ?access_token=} must not reach them. */
    static String withoutAccessToken(String uri) {
        int query = uri.indexOf('?');
        if (query < 0 || !uri.contains("access_token=")) {
            return uri;
        }
        String rest = ACCESS_TOKEN_PARAM.matcher(uri.substring(query + 1)).replaceAll("").replaceFirst("^&", "");
        return uri.substring(0, query) + (rest.isEmpty() ? "" : "?" + rest);
    }

    /** Strips the token from the forwarded URI and turns an unreachable service into 503 problem+json. */
    private static final class UpstreamInterceptor implements ProxyInterceptor {

        private final String upstream;

        UpstreamInterceptor(String upstream) {
            this.upstream = upstream;
        }

        /**
         * The answer as the client should see it: one {@code X-Request-Id} and one of each security header (the
         * gateway's, already set), and a {@code Location} on the gateway's own origin (relative), never the internal
         * service's address.
         */
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            ProxyResponse response = context.response();
            response.headers().remove(RequestTagging.REQUEST_ID);
            SecurityHeaders.OWNED.forEach(response.headers()::remove);
            String location = response.headers().get("Location");
            if (location != null) {
                response.headers().set("Location", relativeLocation(location));
            }
            return context.sendResponse();
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            String uri = context.request().getURI();
            String forwarded = withoutAccessToken(uri);
            if (!forwarded.equals(uri)) {
                context.request().setURI(forwarded);
            }
            return context.sendRequest().recover(failure -> {
                if (failure instanceof StreamResetException) {
                    // The client went away (closed its connection) and the proxy cancelled the upstream call.
                    LOG.debugf("request to %s cancelled by its client", upstream);
                } else {
                    LOG.warnf("upstream %s unavailable: %s", upstream, failure.toString());
                }
                ProxyResponse response = context.request().response();
                response.headers().clear();
                response.setStatusCode(503).setStatusMessage("Service Unavailable")
                        .putHeader("Content-Type", Problems.PROBLEM_JSON)
                        .setBody(Body.body(Buffer.buffer(Problems.body(503,
                                "dependency_unavailable", "A service behind the gateway is not reachable right now; "
                                        + "nothing was changed. Try again shortly.",
                                Map.of()))));
                return Future.succeededFuture(response);
            });
        }
    }
}
