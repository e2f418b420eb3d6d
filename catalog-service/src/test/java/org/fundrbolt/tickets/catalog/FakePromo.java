package org.fundrbolt.tickets.catalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
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
 * A stand-in for promo-service's internal unlocks contract (the sales-rules contract) on its own port: answers
 * {@code POST /internal/v1/unlocks} from the codes a test registered (case-insensitively, unknown codes unlock
 * nothing), records every call, and per event can refuse (429), fail (500), hang or play dead. Tests steer it over
 * HTTP ({@link PromoFake}), which keeps it independent of class loaders.
 */
public class FakePromo implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, JsonArray> codes = new ConcurrentHashMap<>();
        Map<String, String> modes = new ConcurrentHashMap<>();
        List<JsonObject> calls = new CopyOnWriteArrayList<>();
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buffer -> {
            String path = req.path();
            String[] parts = path.split("/");
            if (path.startsWith("/_fake/")) {
                switch (parts[2]) {
                    // /_fake/code/{event_id}/{code}, body: the package ids it unlocks
                    case "code" -> codes.put(key(parts[3], parts[4]), new JsonArray(buffer.toString()));
                    // /_fake/mode/{event_id}, body: ok | 429:<seconds> | 500 | slow | down
                    case "mode" -> modes.put(parts[3], buffer.toString().trim());
                    case "calls" -> {
                        req.response().end(new JsonArray(List.copyOf(calls)).encode());
                        return;
                    }
                    default -> req.response().setStatusCode(404);
                }
                req.response().end();
                return;
            }
            if (!path.equals("/internal/v1/unlocks") || !req.method().name().equals("POST")) {
                req.response().setStatusCode(404).end();
                return;
            }
            JsonObject body = buffer.toJsonObject();
            calls.add(new JsonObject().put("body", body).put("authorization", req.getHeader("Authorization")));
            String event = body.getString("event_id");
            String mode = modes.getOrDefault(event, "ok");
            if (mode.equals("down")) {
                req.connection().close();
                return;
            }
            if (mode.equals("slow")) {
                vertx.setTimer(5000, t -> req.response().end(answer(codes, body)));
                return;
            }
            if (mode.equals("500")) {
                req.response().setStatusCode(500).end();
                return;
            }
            if (mode.startsWith("429:")) {
                req.response().setStatusCode(429).putHeader("Retry-After", mode.substring(4))
                        .putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 429).put("code", "rate_limited").encode());
                return;
            }
            req.response().putHeader("Content-Type", "application/json").end(answer(codes, body));
        }));
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.rest-client.promo.url", "http://127.0.0.1:" + port);
    }

    private static String answer(Map<String, JsonArray> codes, JsonObject body) {
        String code = body.getString("code");
        return new JsonObject().put("code", code.toUpperCase(Locale.ROOT))
                .put("package_ids", codes.getOrDefault(key(body.getString("event_id"), code), new JsonArray()))
                .encode();
    }

    private static String key(String event, String code) {
        return event + "/" + code.toUpperCase(Locale.ROOT);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
