package org.fundrbolt.tickets.catalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for purchase-service's internal inventory contract (ARCHITECTURE.md) on its own port:
 * answers set-limit and retire from a per-package sold count, records every call, and can play
 * dead. Tests steer it over HTTP ({@link PurchaseFake}), which keeps it independent of class loaders.
 */
public class FakePurchase implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Integer> sold = new ConcurrentHashMap<>();
        Map<String, Long> newer = new ConcurrentHashMap<>();
        List<JsonObject> calls = new CopyOnWriteArrayList<>();
        boolean[] down = {false};
        JsonArray[] figures = {new JsonArray()};
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buffer -> {
            String path = req.path();
            String[] parts = path.split("/");
            if (path.startsWith("/_fake/")) {
                switch (parts[2]) {
                    case "sold" -> sold.put(parts[3], Integer.parseInt(buffer.toString().trim()));
                    case "down" -> down[0] = Boolean.parseBoolean(buffer.toString().trim());
                    case "newer" -> newer.put(parts[3], Long.parseLong(buffer.toString().trim()));
                    case "figures" -> figures[0] = new JsonArray(buffer.toString());
                    case "calls" -> {
                        req.response().end(new JsonArray(List.copyOf(calls)).encode());
                        return;
                    }
                    default -> req.response().setStatusCode(404);
                }
                req.response().end();
                return;
            }
            if (down[0]) {
                req.connection().close();
                return;
            }
            if (path.equals("/internal/v1/inventory")) { // the reconciliation's figures: one page
                req.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("figures", figures[0]).putNull("next").encode());
                return;
            }
            // /internal/v1/inventory/{package_id}/{limit|retire}
            JsonObject body = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
            calls.add(new JsonObject().put("method", req.method().name()).put("path", path).put("body", body)
                    .put("authorization", req.getHeader("Authorization")));
            int soldCount = sold.getOrDefault(parts[4], 0);
            req.response().putHeader("Content-Type", "application/json");
            // As purchase-service fences by version: one not newer than what it holds changes nothing (412).
            if (body.getLong("catalog_version", 0L) <= newer.getOrDefault(parts[4], 0L)) {
                req.response().setStatusCode(412).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 412).put("code", "version_conflict").encode());
                return;
            }
            if (parts[5].equals("limit") && body.getInteger("quantity_limit") != null
                    && body.getInteger("quantity_limit") < soldCount) {
                req.response().setStatusCode(409).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 409).put("code", "quantity_below_sold").encode());
                return;
            }
            req.response().end(new JsonObject().put("sold_count", soldCount).encode());
        }));
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.rest-client.purchase.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
