package org.fundrbolt.tickets.catalog;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Test-side remote control of {@link FakePromo}. */
public final class PromoFake {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PromoFake() {
    }

    /** promo-service knows this code for the event, and it unlocks these packages. */
    public static void code(UUID eventId, String code, UUID... packageIds) {
        JsonArray ids = new JsonArray();
        for (UUID id : packageIds) {
            ids.add(id.toString());
        }
        post("/_fake/code/" + eventId + "/" + URLEncoder.encode(code, StandardCharsets.UTF_8), ids.encode());
    }

    /** How promo-service answers the event's calls: ok, 429:&lt;seconds&gt;, 500, slow or down. */
    public static void mode(UUID eventId, String mode) {
        post("/_fake/mode/" + eventId, mode);
    }

    /** The unlocks calls the fake received for this event, oldest first. */
    public static List<JsonObject> calls(UUID eventId) {
        String body = send(HttpRequest.newBuilder(uri("/_fake/calls")).GET().build());
        return new JsonArray(body).stream().map(JsonObject.class::cast)
                .filter(call -> eventId.toString().equals(call.getJsonObject("body").getString("event_id"))).toList();
    }

    private static void post(String path, String body) {
        send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client.promo.url", String.class) + path);
    }
}
