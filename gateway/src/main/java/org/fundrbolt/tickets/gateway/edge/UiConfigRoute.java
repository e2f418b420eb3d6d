package org.fundrbolt.tickets.gateway.edge;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Serves {@code /config.json}: what the web UI needs to sign users in. */
@ApplicationScoped
public class UiConfigRoute {

    private final GatewayConfig config;

    public UiConfigRoute(GatewayConfig config) {
        this.config = config;
    }

    public void install(Router router) {
        JsonObject uiConfig = uiConfig(config.oidc().issuer(), config.oidc().clientId());
        // no-cache: a changed sign-in provider must reach the UI on its next load.
        router.get("/config.json").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
                .end(uiConfig.encode()));
    }

    /** The OIDC provider, or {@code "oidc": null} so the UI offers the paste-token sign-in instead. */
    static JsonObject uiConfig(Optional<String> issuer, Optional<String> clientId) {
        if (issuer.isEmpty() || clientId.isEmpty()) {
            return new JsonObject().putNull("oidc");
        }
        return new JsonObject().put("oidc",
                new JsonObject().put("issuer", issuer.get()).put("client_id", clientId.get()));
    }
}
