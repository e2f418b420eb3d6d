package org.fundrbolt.tickets.gateway.edge;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Serves the API docs: the merged OpenAPI document at {@code /openapi.json} and Swagger UI over it at {@code /docs}. */
@ApplicationScoped
public class DocsRoutes {

    private static final String DOCS_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>FundrBolt Tickets API</title>
            <link rel="stylesheet" href="/openapi-ui/swagger-ui.css"></head>
            <body><div id="swagger-ui"></div>
            <script src="/openapi-ui/swagger-ui-bundle.js"></script>
            <script>SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});</script>
            </body></html>
            """;

    private final OpenApiMerger openApi;

    public DocsRoutes(OpenApiMerger openApi) {
        this.openApi = openApi;
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
