package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The catalog's set-limit and retire are fenced by its version: only a newer one changes the row. */
@QuarkusTest
class InventoryFencingTests extends SaleFixture {

    private final String service = Tokens.token(UUID.randomUUID(), Set.of("service"), List.of());

    @Test
    void aSetLimitWhoseVersionIsNotNewerChangesNothing() {
        UUID packageId = packageOnSale("10.00", 10, null); // catalog version 1
        setLimit(packageId, 20, 5).statusCode(200).body("sold_count", equalTo(0));
        // A delayed older call, and one of the same version with another limit, change nothing.
        setLimit(packageId, 3, 4).statusCode(412).contentType("application/problem+json")
                .body("code", equalTo("version_conflict"));
        setLimit(packageId, 7, 5).statusCode(412).body("code", equalTo("version_conflict"));
        assertThat(row(packageId).getInteger("quantity_limit")).isEqualTo(20);
        assertThat(row(packageId).getLong("catalog_version")).isEqualTo(5);
        // The same call repeated (a retry after a timeout) answers as the first did.
        long versionBefore = row(packageId).getLong("version");
        setLimit(packageId, 20, 5).statusCode(200).body("sold_count", equalTo(0));
        assertThat(row(packageId).getLong("version")).isEqualTo(versionBefore);
        // The snapshot of an older catalog version, arriving late, does not undo the limit either.
        CatalogFeed.publish(CatalogFeed.snapshot(event, packageId, "10.00", 10, 4));
        CatalogFeed.publish(CatalogFeed.snapshot(event, packageId, "10.00", 20, 6));
        org.fundrbolt.tickets.platform.testing.Eventually.value(() -> row(packageId).getLong("catalog_version"),
                version -> version == 6, Duration.ofSeconds(20));
        assertThat(row(packageId).getInteger("quantity_limit")).isEqualTo(20);
    }

    @Test
    void aRetireWhoseVersionIsNotNewerChangesNothing() {
        UUID packageId = packageOnSale("10.00", 10, null);
        setLimit(packageId, 12, 3).statusCode(200);
        retire(packageId, 2).statusCode(412).body("code", equalTo("version_conflict"));
        assertThat(row(packageId).getBoolean("enabled")).isTrue();
        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(201);
        retire(packageId, 4).statusCode(200).body("sold_count", equalTo(1));
        retire(packageId, 4).statusCode(200).body("sold_count", equalTo(1));
        assertThat(row(packageId).getBoolean("enabled")).isFalse();
    }

    private ValidatableResponse setLimit(UUID packageId, Integer limit, long version) {
        return given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("event_id", event.toString(), "quantity_limit", limit, "catalog_version", version))
                .put("/internal/v1/inventory/" + packageId + "/limit").then();
    }

    private ValidatableResponse retire(UUID packageId, long version) {
        return given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("event_id", event.toString(), "catalog_version", version))
                .post("/internal/v1/inventory/" + packageId + "/retire").then();
    }

    private Row row(UUID packageId) {
        return pool.preparedQuery("SELECT quantity_limit, catalog_version, version, enabled FROM inventory "
                + "WHERE package_id = $1").execute(Tuple.of(packageId)).await().atMost(Duration.ofSeconds(5))
                .iterator().next();
    }
}
