package org.fundrbolt.tickets.purchase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Kafka;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Publishes catalog.packages snapshots to the real broker, as catalog-service does. */
final class CatalogFeed {

    private CatalogFeed() {
    }

    static JsonObject snapshot(UUID eventId, UUID packageId, String price, Integer limit, long version) {
        return new JsonObject().put("message_id", UUID.randomUUID().toString()).put("event_type", "package_snapshot")
                .put("package_id", packageId.toString()).put("event_id", eventId.toString()).put("version", version)
                .put("deleted", false).put("name", "Gala seat").put("description", null)
                .put("price", Double.valueOf(price)).put("quantity_limit", limit).put("display_order", 0)
                .put("is_enabled", true).put("seats_per_package", 1).put("fair_market_value", null)
                .put("custom_options", new JsonArray()).put("occurred_at", "2026-11-28T10:00:00.000Z")
                .put("unknown_future_field", "ignored");
    }

    static JsonObject option(UUID id, String label, String type, List<String> choices, boolean required, int order) {
        return new JsonObject().put("id", id.toString()).put("label", label).put("option_type", type)
                .put("choices", choices == null ? null : new JsonArray(choices)).put("is_required", required)
                .put("display_order", order).put("max_length", "text_input".equals(type) ? 20 : null);
    }

    static JsonObject table(UUID eventId, UUID packageId, String price, int seats, String fairMarketValue) {
        return snapshot(eventId, packageId, price, null, 1).put("seats_per_package", seats)
                .put("fair_market_value", fairMarketValue == null ? null : Double.valueOf(fairMarketValue));
    }

    static void publish(JsonObject snapshot) {
        Kafka.send("catalog.packages", snapshot.getString("package_id"), snapshot.encode());
    }

    static Duration patience() {
        return Duration.ofSeconds(20);
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
