package org.fundrbolt.tickets.gateway.edge;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * The merged OpenAPI document of every service (served at /openapi.json): each service's own
 * document, minus its internal and operations paths, under one title. Cached briefly; a service that
 * is down is left out rather than failing the whole document.
 */
@ApplicationScoped
public class OpenApiMerger {

    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
    private static final Duration CACHE = Duration.ofSeconds(30);

    private final GatewayConfig config;
    private volatile JsonObject cached;
    private volatile Instant cachedAt = Instant.EPOCH;
    private WebClient client;

    public OpenApiMerger(GatewayConfig config) {
        this.config = config;
    }

    public Future<JsonObject> merged(Vertx vertx) {
        if (cached != null && Instant.now().isBefore(cachedAt.plus(CACHE))) {
            return Future.succeededFuture(cached);
        }
        if (client == null) {
            client = WebClient.create(vertx);
        }
        List<String> bases = List.of(config.services().catalogUrl(), config.services().promoUrl(),
                config.services().purchaseUrl(), config.services().mediaUrl());
        List<Future<JsonObject>> documents = new ArrayList<>();
        for (String base : bases) {
            // One instance's document stands for the service's (every replica serves the same one).
            URI uri = org.fundrbolt.tickets.platform.client.Instances.of(base).all().get(0);
            documents.add(client.get(uri.getPort(), uri.getHost(), "/q/openapi?format=json").timeout(3000).send()
                    .map(response -> response.statusCode() == 200 ? response.bodyAsJsonObject() : new JsonObject())
                    .otherwise(failure -> {
                        LOG.warnf("OpenAPI of %s unavailable: %s", base, failure.toString());
                        return new JsonObject();
                    }));
        }
        return Future.all(documents).map(all -> {
            JsonObject paths = new JsonObject();
            JsonObject schemas = new JsonObject();
            JsonObject securitySchemes = new JsonObject();
            for (Future<JsonObject> document : documents) {
                JsonObject doc = document.result();
                doc.getJsonObject("paths", new JsonObject()).forEach(path -> {
                    if (path.getKey().startsWith("/api/") || path.getKey().startsWith("/images/")) {
                        paths.put(path.getKey(), path.getValue());
                    }
                });
                JsonObject components = doc.getJsonObject("components", new JsonObject());
                components.getJsonObject("schemas", new JsonObject())
                        .forEach(s -> schemas.put(s.getKey(), s.getValue()));
                components.getJsonObject("securitySchemes", new JsonObject())
                        .forEach(s -> securitySchemes.put(s.getKey(), s.getValue()));
            }
            JsonObject merged = new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", "FundrBolt Tickets API").put("version", "1.0")
                            .put("description", "Ticket packages, promo codes, checkout and images of charity events."))
                    .put("paths", paths)
                    .put("components",
                            new JsonObject().put("schemas", schemas).put("securitySchemes", securitySchemes));
            cached = merged;
            cachedAt = Instant.now();
            return merged;
        });
    }
}
