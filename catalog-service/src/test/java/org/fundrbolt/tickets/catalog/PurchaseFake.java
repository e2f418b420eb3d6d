package org.fundrbolt.tickets.catalog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Test-side remote control of {@link FakePurchase}. */
public final class PurchaseFake {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PurchaseFake() {
    }

    public static void sold(UUID packageId, int soldCount) {
        post("/_fake/sold/" + packageId, String.valueOf(soldCount));
    }

    /** purchase-service already holds this catalog version of the package (or a newer one). */
    public static void newer(UUID packageId, long catalogVersion) {
        post("/_fake/newer/" + packageId, String.valueOf(catalogVersion));
    }

    /** What purchase-service's figures endpoint answers (one page), as JSON objects of its rows. */
    public static void figures(JsonArray rows) {
        post("/_fake/figures", rows.encode());
    }

    public static void down(boolean down) {
        post("/_fake/down", String.valueOf(down));
    }

    /** Calls the fake received for this package, oldest first. */
    public static List<JsonObject> calls(UUID packageId) {
        String body = send(HttpRequest.newBuilder(uri("/_fake/calls")).GET().build());
        return new JsonArray(body).stream().map(JsonObject.class::cast)
                .filter(call -> call.getString("path").contains(packageId.toString())).toList();
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
        return URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client.purchase.url", String.class) + path);
    }
}
