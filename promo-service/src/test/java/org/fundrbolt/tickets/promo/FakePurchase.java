package org.fundrbolt.tickets.promo;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * A stand-in for purchase-service's internal "was this purchase committed?" on its own port: 200 for the
 * ids registered with {@code POST /_fake/committed/{id}}, 503 for those registered with
 * {@code POST /_fake/silent/{id}}, 404 otherwise.
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
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> silent = ConcurrentHashMap.newKeySet();
        vertx = Vertx.vertx();
        vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String[] parts = req.path().split("/");
            if (req.path().startsWith("/_fake/")) {
                (parts[2].equals("committed") ? committed : silent).add(parts[3]);
                req.response().end();
            } else if (req.path().startsWith("/internal/v1/purchases/") && req.getHeader("Authorization") != null) {
                String id = parts[4];
                int status = committed.contains(id) ? 200 : silent.contains(id) ? 503 : 404;
                req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .end(status == 200 ? "{\"purchase_id\":\"" + id + "\",\"committed\":true}" : "{}");
            } else {
                req.response().setStatusCode(401).end();
            }
        })).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        return Map.of("quarkus.rest-client.purchase.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /** Test-side control of the fake. */
    static void mark(String what, java.util.UUID purchaseId) {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.rest-client.purchase.url", String.class);
        io.restassured.RestAssured.given().post(url + "/_fake/" + what + "/" + purchaseId).then().statusCode(200);
    }
}
