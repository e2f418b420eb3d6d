package org.fundrbolt.tickets.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Serves the API docs: the merged OpenAPI document at {@code /openapi.json} and Swagger UI over it at {@code /docs}. */
@ApplicationScoped
public class DocsRoutes {

    /** The page's one inline script; no validator, whose badge would be an image from swagger.io. */
    static final String INIT_SCRIPT = "SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', "
            + "validatorUrl: null});";
    /** The CSP source that allows {@link #INIT_SCRIPT} and no other inline script (SecurityHeaders). */
    static final String INIT_SCRIPT_HASH = "'sha256-" + sha256Base64(INIT_SCRIPT) + "'";

    private static final String DOCS_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>FundrBolt Tickets API</title>
            <link rel="stylesheet" href="/openapi-ui/swagger-ui.css"></head>
            <body><div id="swagger-ui"></div>
            <script src="/openapi-ui/swagger-ui-bundle.js"></script>
            <script>%s</script>
            </body></html>
            """.formatted(INIT_SCRIPT);

    private final OpenApiMerger openApi;

    public DocsRoutes(OpenApiMerger openApi) {
        this.openApi = openApi;
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public void install(Router router, Vertx vertx) {
        router.get("/openapi.json").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(ctx -> openApi.merged(vertx)
                        .onSuccess(
                                doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc.encode()))
                        .onFailure(ctx::fail));
        router.getWithRegex("/docs/?").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8").end(DOCS_PAGE));
    }
}
