package org.fundrbolt.tickets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Eventually;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** The decisions catalog leaves to purchase-service, against a fake of its internal HTTP contract. */
@QuarkusTest
class PurchaseContractTests {

    private final Api api = new Api();

    @Test
    void changingTheLimitAsksPurchaseServiceWithAServiceToken() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 100));
        api.as().body("{\"quantity_limit\":20}").patch(api.pkg(id)).then().statusCode(200)
                .body("quantity_limit", equalTo(20)).body("version", equalTo(2));
        JsonObject call = PurchaseFake.calls(id).get(0);
        assertThat(call.getString("method")).isEqualTo("PUT");
        assertThat(call.getString("path")).isEqualTo("/internal/v1/inventory/" + id + "/limit");
        assertThat(call.getJsonObject("body").getMap()).containsEntry("event_id", api.event.toString())
                .containsEntry("quantity_limit", 20).containsEntry("catalog_version", 2);
        String bearer = call.getString("authorization");
        assertThat(bearer).startsWith("Bearer ");
        JsonObject claims = new JsonObject(
                new String(Base64.getUrlDecoder().decode(bearer.substring(7).split("\\.")[1]),
                        StandardCharsets.UTF_8));
        assertThat(claims.getString("sub")).isEqualTo("catalog-service");
        assertThat(claims.getJsonArray("groups").getList()).contains("service");
        api.as().body("{\"name\":\"Renamed\"}").patch(api.pkg(id)).then().statusCode(200);
        assertThat(PurchaseFake.calls(id)).hasSize(1);
    }

    @Test
    void loweringTheLimitBelowSoldIsRefusedAndChangesNothing() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 100));
        PurchaseFake.sold(id, 10);
        api.as().body("{\"quantity_limit\":5,\"name\":\"Smaller\"}").patch(api.pkg(id)).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("quantity_below_sold"));
        api.as().get(api.pkg(id)).then().body("quantity_limit", equalTo(100)).body("name", equalTo("Gala"))
                .body("version", equalTo(1));
        api.as().body("{\"quantity_limit\":10}").patch(api.pkg(id)).then().statusCode(200);
    }

    @Test
    void aChangeOvertakenByANewerVersionInPurchaseServiceIsAConflictAndChangesNothing() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 100));
        PurchaseFake.newer(id, 5);
        api.as().body("{\"quantity_limit\":50}").patch(api.pkg(id)).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("version_conflict"));
        api.as().delete(api.pkg(id)).then().statusCode(409).body("code", equalTo("version_conflict"));
        api.as().get(api.pkg(id)).then().statusCode(200).body("quantity_limit", equalTo(100))
                .body("version", equalTo(1));
    }

    @Test
    void purchaseServiceDownAnswers503AndChangesNothing() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 100));
        PurchaseFake.down(true);
        try {
            api.as().body("{\"quantity_limit\":50}").patch(api.pkg(id)).then().statusCode(503)
                    .contentType("application/problem+json").body("code", equalTo("dependency_unavailable"));
            api.as().delete(api.pkg(id)).then().statusCode(503).body("code", equalTo("dependency_unavailable"));
        } finally {
            PurchaseFake.down(false);
        }
        // The calls' outcome was unknown, so the catalog commits a newer version of the package as it stands
        // (newer than the versions the failed calls carried) and publishes it: purchase-service, which may have
        // applied the lower limit or the retire, is put back by version fencing.
        Eventually.value(() -> api.as().get(api.pkg(id)).then().extract().<Integer>path("version"), v -> v >= 4,
                Duration.ofSeconds(20));
        api.as().get(api.pkg(id)).then().statusCode(200).body("quantity_limit", equalTo(100))
                .body("is_enabled", equalTo(true));
        try (var consumer = Kafka.fromStart("catalog.packages")) {
            var restoring = Kafka.collect(consumer, record -> id.toString().equals(record.key())
                    && new JsonObject(record.value()).getLong("version") >= 3, 2, Duration.ofSeconds(20));
            assertThat(restoring).extracting(record -> new JsonObject(record.value()).getInteger("quantity_limit"))
                    .containsOnly(100);
        }
    }

    @Test
    void aRaisedLimitTravelsWithTheSnapshotAndNeedsNoCall() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 100));
        api.as().body("{\"quantity_limit\":150}").patch(api.pkg(id)).then().statusCode(200)
                .body("quantity_limit", equalTo(150));
        api.as().body("{\"quantity_limit\":null}").patch(api.pkg(id)).then().statusCode(200);
        assertThat(PurchaseFake.calls(id)).isEmpty();
    }

    @Test
    void deleteWithSalesKeepsThePackageDisabledAndAudited() {
        UUID id = api.create("Gala", "150");
        PurchaseFake.sold(id, 3);
        api.as().delete(api.pkg(id)).then().statusCode(204);
        api.as().get(api.pkg(id)).then().statusCode(200).body("is_enabled", equalTo(false)).body("version", equalTo(2));
        api.as().get(api.pkg(id) + "/audit").then().statusCode(200).body("entries.size()", equalTo(1))
                .body("entries[0].action", equalTo("disabled"))
                .body("entries[0].entity_type", equalTo("ticket_package"))
                .body("entries[0].field_name", equalTo("is_enabled")).body("entries[0].old_value", equalTo("true"))
                .body("entries[0].new_value", equalTo("false"))
                .body("entries[0].user_id", equalTo(api.user.toString()));
    }
}
