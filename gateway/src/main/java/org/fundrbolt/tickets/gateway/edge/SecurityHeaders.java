package org.fundrbolt.tickets.gateway.edge;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser security headers of every answer (issue 16, M6): no MIME sniffing (images, CSV and PDF included), no
 * referrer, never framed, a Content-Security-Policy per kind of answer and, in production, HSTS. The SPA keeps its
 * bearer token in sessionStorage, so its pages get a policy that lets nothing but the gateway's own files run.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The headers the edge owns: a service's own copy is dropped from proxied answers, so each appears once. */
    static final List<String> OWNED = List.of("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
            "Content-Security-Policy", "Strict-Transport-Security");
    static final String HSTS = "max-age=31536000; includeSubDomains";
    /** JSON, images, CSV, PDF and problems: nothing in them may load, run or be framed. */
    static final String NON_HTML_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";

    private static final Pattern UI_PAGES = Pattern.compile("/(admin|checkout)(/.*)?");
    private static final Pattern DOCS_PAGE = Pattern.compile("/docs/?");
    private static final String ORIGINAL_PATH = "gateway.original-path";

    private final String uiPolicy;
    private final String docsPolicy;
    private final boolean hsts;

    @Inject
    public SecurityHeaders(GatewayConfig config) {
        this(config.csp().imgOrigins().orElse(List.of()), config.oidc().issuer(), config.hsts().enabled());
    }

    SecurityHeaders(List<String> imageOrigins, Optional<String> oidcIssuer, boolean hsts) {
        List<String> images = imageOrigins.stream().map(o -> originOf("gateway.csp.img-origins", o)).toList();
        this.uiPolicy = uiPolicy(images, oidcIssuer.map(issuer -> originOf("gateway.oidc.issuer", issuer)));
        this.docsPolicy = docsPolicy(DocsRoutes.INIT_SCRIPT_HASH);
        this.hsts = hsts;
    }

    /**
     * The web UI (the built SPA has no inline script or style, and React sets style attributes through the DOM,
     * which CSP allows). Images: the gateway's, data: and blob: (the QR codes and the upload preview are blob URLs)
     * and the configured image origins (a CDN or public blob endpoint of media.public-base-url). Fetches: the
     * gateway and the OIDC issuer's origin, which serves the discovery document and (at every common provider) the
     * token endpoint it names.
     */
    static String uiPolicy(List<String> imageOrigins, Optional<String> issuerOrigin) {
        List<String> img = new ArrayList<>(List.of("'self'", "data:", "blob:"));
        img.addAll(imageOrigins);
        List<String> connect = new ArrayList<>(List.of("'self'"));
        issuerOrigin.ifPresent(connect::add);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", img)
                + "; connect-src " + String.join(" ", connect) + "; frame-ancestors 'none'; base-uri 'self'; "
                + "object-src 'none'; form-action 'self'";
    }

    /** Swagger UI at /docs: its one inline script is allowed by its hash; its icons are data: images. */
    static String docsPolicy(String inlineScriptHash) {
        return "default-src 'self'; script-src 'self' " + inlineScriptHash + "; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
                + "object-src 'none'; form-action 'self'";
    }

    /** The policy for a request path as the client sent it. */
    String policyFor(String path) {
        if (UI_PAGES.matcher(path).matches()) {
            return uiPolicy;
        }
        return DOCS_PAGE.matcher(path).matches() ? docsPolicy : NON_HTML_POLICY;
    }

    public void handle(RoutingContext ctx) {
        // Quinoa's SPA routing reroutes /admin/... to "/" and Vert.x clears the answer's headers when it does: they
        // are set again on every pass, for the path the client asked for.
        String path = ctx.get(ORIGINAL_PATH);
        if (path == null) {
            path = ctx.request().path();
            ctx.put(ORIGINAL_PATH, path);
        }
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", policyFor(path == null ? "" : path));
        if (hsts) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        ctx.next();
    }

    /** The origin ({@code scheme://host[:port]}) of a configured URL; anything else stops the gateway at start. */
    static String originOf(String key, String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(key + ": '" + url + "' is not an http(s) origin");
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
