package org.fundrbolt.tickets.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An early-bird price: {@code price} is in force until {@code endsAt} (exclusive), unless an earlier tier is. */
public record PriceTier(String label, BigDecimal price, Instant endsAt) {

    /**
     * The stored and audited form, {@code [{"label":"Early bird","price":"100.00","ends_at":"2026-12-04T10:00:00Z"}]}:
     * money as text, so it stays exact in jsonb and reads the same in the audit log.
     */
    public static JsonArray toJson(List<PriceTier> tiers) {
        JsonArray array = new JsonArray();
        tiers.forEach(tier -> array.add(new JsonObject().put("label", tier.label())
                .put("price", Money.text(tier.price())).put("ends_at", tier.endsAt().toString())));
        return array;
    }

    public static List<PriceTier> fromJson(JsonArray array) {
        List<PriceTier> tiers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject tier = array.getJsonObject(i);
            tiers.add(new PriceTier(tier.getString("label"), Money.cents(new BigDecimal(tier.getValue("price")
                    .toString())), Instant.parse(tier.getString("ends_at"))));
        }
        return List.copyOf(tiers);
    }
}
