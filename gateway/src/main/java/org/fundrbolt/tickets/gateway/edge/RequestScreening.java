package org.fundrbolt.tickets.gateway.edge;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Route;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The first look at every request, before Quarkus' own handlers (CORS, body size, static files) answer with
 * empty or HTML bodies: an odd path spelling, an overlong URI or header block, a foreign origin, a body too large,
 * an unknown non-API path or a wrong method on a static path is refused here as problem+json.
 */
@ApplicationScoped
public class RequestScreening {

    /** Paths the edge router answers for (routed or 404); everything else is a static path or unknown. */
    static final Pattern EDGE_PATHS = Pattern.compile("/(api|images|internal|q)(/.*)?");
    /** The static paths: the SPA under /admin and /checkout, its assets, the API docs and the UI's config. */
    static final Pattern STATIC_PATHS = Pattern.compile(
            "/(admin|checkout)(/.*)?|/assets/.+|/favicon\\.svg|/docs/?|/openapi\\.json|/config\\.json|/openapi-ui/.+");
    // Encoded dots, slashes and backslashes, NUL and other control bytes: spellings that a service behind the
    // gateway could read as another path than the one authorised here.
    private static final Pattern ODD_ENCODING = Pattern.compile("%(2e|2f|5c|0[0-9a-f]|1[0-9a-f]|7f)",
            Pattern.CASE_INSENSITIVE);

    private static final String SCREENED = "gateway.screened";

    private final BodyLimits bodyLimits;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final List<String> allowedOrigins;

    @Inject
    public RequestScreening(BodyLimits bodyLimits, GatewayConfig config,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> allowedOrigins) {
        this(bodyLimits, config.maxUriLength(), config.maxHeaderBytes(), allowedOrigins.orElse(List.of()));
    }

    RequestScreening(BodyLimits bodyLimits, int maxUriLength, int maxHeaderBytes, List<String> allowedOrigins) {
        this.bodyLimits = bodyLimits;
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
        this.allowedOrigins = allowedOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
    }

    public void handle(RoutingContext ctx) {
        // Quinoa's SPA routing reroutes /admin/... and /checkout/... to "/" (the index), which runs every handler
        // again: a request is screened once, as the client sent it, so "/" itself stays unknown.
        if (ctx.get(SCREENED) != null) {
            ctx.next();
            return;
        }
        ctx.put(SCREENED, Boolean.TRUE);
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > maxUriLength) {
            Problems.send(ctx, 414, "uri_too_long", "The request URI may be at most " + maxUriLength + " characters.");
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            Problems.send(ctx, 431, "headers_too_large", "The request headers may be at most " + maxHeaderBytes
                    + " bytes together.");
            return;
        }
        String path = request.path();
        if (!isCanonical(path)) {
            Problems.send(ctx, 400, "invalid_path", "The path must be plain: no '.' or '..' segments, no '//', "
                    + "no backslashes and no encoded dots, slashes or control characters.");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !isAllowedOrigin(origin, request.authority() == null
                ? null
                : request.authority().toString())) {
            Problems.forbidden(ctx, "Requests from this origin are not allowed.");
            return;
        }
        if (EDGE_PATHS.matcher(path).matches()) {
            Optional<Route> route = RouteTable.match(path);
            if (route.isPresent() && !bodyLimits.admit(ctx, route.get())) {
                return;
            }
            ctx.next();
            return;
        }
        if (!STATIC_PATHS.matcher(path).matches()) {
            Problems.notFound(ctx);
            return;
        }
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
            ctx.response().putHeader("Allow", "GET, HEAD");
            Problems.send(ctx, 405, "method_not_allowed", "Only GET and HEAD are allowed on this path.");
            return;
        }
        if (bodyLimits.admitUnrouted(ctx)) {
            ctx.next();
        }
    }

    /**
     * Whether a path is spelled the one way that the gateway and the services read alike: it is authorised as it
     * is, so a spelling that normalises to another path (dot segments, {@code //}, encoded separators) is refused
     * rather than rewritten.
     */
    static boolean isCanonical(String path) {
        if (path == null || !path.startsWith("/") || path.contains("//") || path.indexOf('\\') >= 0
                || ODD_ENCODING.matcher(path).find()) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * A browser's {@code Origin} is allowed when it is configured for CORS or is the gateway's own origin (the
     * SPA's writes); Quarkus' CORS filter then adds the headers, but would refuse others with an empty 403.
     */
    boolean isAllowedOrigin(String origin, String requestAuthority) {
        String normalised = origin.toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalised)) {
            return true;
        }
        if (requestAuthority == null) {
            return false;
        }
        try {
            URI uri = URI.create(normalised);
            String authority = uri.getRawAuthority();
            return authority != null && uri.getRawPath() != null && uri.getRawPath().isEmpty()
                    && authority.equals(requestAuthority.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }
}
