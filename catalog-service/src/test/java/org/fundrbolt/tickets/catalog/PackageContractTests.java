package org.fundrbolt.tickets.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FakePurchase.class)
class PackageContractTests {

    private final Api api = new Api();

    @Test
    void createsPackageWithDefaultsAndLocation() {
        var response = api.as().body(Map.of("name", "  VIP Table  ", "price", new BigDecimal("1200")))
                .post(api.packages())
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString(api.packages() + "/"))
                .body("name", equalTo("VIP Table")).body("event_id", equalTo(api.event.toString()))
                .body("description", nullValue()).body("quantity_limit", nullValue()).body("sold_count", equalTo(0))
                .body("available", nullValue()).body("display_order", equalTo(0)).body("is_enabled", equalTo(true))
                .body("version", equalTo(1)).body("seats_per_package", equalTo(1))
                .body("fair_market_value", nullValue()).body("custom_options", empty())
                .body("$", hasKey("image_url")).body("$", hasKey("created_at")).body("$", hasKey("updated_at"))
                .extract();
        assertThat(response.asString()).contains("\"price\":1200.00");
        assertThat(response.<String>path("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String id = response.path("id");
        api.as().get(response.header("Location")).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void newPackageGoesLastAndListFollowsDisplayOrder() {
        UUID first = api.create("First", "10");
        UUID second = api.create("Second", "20");
        UUID disabled = api.create(Map.of("name", "Hidden", "price", 5, "is_enabled", false, "display_order", 0));
        api.as().get(api.pkg(second)).then().body("display_order", equalTo(1));
        api.as().get(api.packages()).then().statusCode(200)
                .body("packages.id", contains(first.toString(), disabled.toString(), second.toString()));
    }

    @Test
    void rejectsBrokenFieldsWithOneErrorPerField() {
        api.as().body(Map.of("name", "   ", "price", -1, "quantity_limit", 0, "display_order", -1,
                "seats_per_package", 51, "description", "x".repeat(2001))).post(api.packages())
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("title", equalTo("Validation failed"))
                .body("errors.field", containsInAnyOrder("name", "price", "quantity_limit", "display_order",
                        "seats_per_package", "description"));
        api.as().body(Map.of("name", "x".repeat(101), "price", new BigDecimal("10.005"))).post(api.packages())
                .then().statusCode(422).body("errors.field", containsInAnyOrder("name", "price"));
        api.as().body(Map.of("name", "Gala", "price", new BigDecimal("1000000.01"))).post(api.packages())
                .then().statusCode(422).body("errors.field", contains("price"));
        api.as().body(Map.of("name", "Gala", "price", 100, "fair_market_value", new BigDecimal("100.01")))
                .post(api.packages()).then().statusCode(422).body("errors.field", contains("fair_market_value"));
        api.as().body(Map.of("price", 100)).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("name"));
        api.as().get(api.packages()).then().body("packages", empty());
    }

    @Test
    void acceptsGalaFields() {
        api.as().body(Map.of("name", "Table", "price", 1000, "seats_per_package", 10, "fair_market_value", 250,
                "quantity_limit", 20)).post(api.packages()).then().statusCode(201)
                .body("seats_per_package", equalTo(10)).body("available", equalTo(20))
                .extract().asString().contains("\"fair_market_value\":250.00");
    }

    @Test
    void refusesUnknownFieldsMalformedJsonAndWrongTypes() {
        api.as().body("{\"name\":\"A\",\"price\":1,\"colour\":\"red\"}").post(api.packages())
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("unknown_field"));
        api.as().body("{\"name\":\"A\",").post(api.packages()).then().statusCode(400).body("code",
                equalTo("malformed_json"));
        api.as().body("{\"name\":\"A\",\"price\":\"12\"}").post(api.packages()).then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        api.as().body("{\"name\":5,\"price\":12}").post(api.packages()).then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        api.as().body("[1,2]").post(api.packages()).then().statusCode(400).body("code", equalTo("malformed_json"));
        api.as().body("{\"name\":\"A\",\"price\":1,\"quantity_limit\":1.5}").post(api.packages()).then()
                .statusCode(400).body("code", equalTo("malformed_json"));
        UUID id = api.create("A", "1");
        api.as().body("{\"colour\":\"red\"}").patch(api.pkg(id)).then().statusCode(400).body("code",
                equalTo("unknown_field"));
        api.as().body("{\"price\":true}").patch(api.pkg(id)).then().statusCode(400).body("code",
                equalTo("malformed_json"));
        api.as().get(api.packages()).then().body("packages.id", contains(id.toString()));
    }

    @Test
    void patchLeavesAbsentFieldsAndClearsExplicitNulls() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "description", "Dinner", "quantity_limit", 50));
        api.as().body("{\"name\":\"Gala night\",\"description\":null,\"quantity_limit\":null}").patch(api.pkg(id))
                .then().statusCode(200).body("name", equalTo("Gala night")).body("description", nullValue())
                .body("quantity_limit", nullValue()).body("version", equalTo(2)).body("price", equalTo(100.0f));
        api.as().body("{}").patch(api.pkg(id)).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void patchRefusesNullOnFieldsThatCannotBeNull() {
        UUID id = api.create("Gala", "100");
        api.as().body("{\"name\":null,\"price\":null,\"is_enabled\":null}").patch(api.pkg(id)).then().statusCode(422)
                .body("code", equalTo("validation_failed"))
                .body("errors.field", containsInAnyOrder("name", "price", "is_enabled"));
        api.as().body("{\"price\":50,\"fair_market_value\":60}").patch(api.pkg(id)).then().statusCode(422)
                .body("errors.field", contains("fair_market_value"));
        api.as().get(api.pkg(id)).then().body("version", equalTo(1)).body("name", equalTo("Gala"));
    }

    @Test
    void staleIfMatchIsAVersionConflict() {
        UUID id = api.create("Gala", "100");
        api.as().header("If-Match", "\"1\"").body("{\"price\":120}").patch(api.pkg(id)).then().statusCode(200)
                .body("version", equalTo(2));
        api.as().header("If-Match", "\"1\"").body("{\"price\":130}").patch(api.pkg(id)).then().statusCode(412)
                .contentType("application/problem+json").body("code", equalTo("version_conflict"));
        api.as().header("If-Match", "\"1\"").delete(api.pkg(id)).then().statusCode(412)
                .body("code", equalTo("version_conflict"));
        api.as().get(api.pkg(id)).then().body("price", equalTo(120.0f));
    }

    @Test
    void ifMatchStarMatchesTheCurrentVersion() {
        UUID id = api.create("Gala", "100");
        api.as().header("If-Match", "*").body("{\"price\":120}").patch(api.pkg(id)).then().statusCode(200)
                .body("version", equalTo(2));
        api.as().header("If-Match", "\"nonsense\"").body("{\"price\":130}").patch(api.pkg(id)).then()
                .statusCode(412).body("code", equalTo("version_conflict"));
        api.as().header("If-Match", "*").delete(api.pkg(id)).then().statusCode(204);
    }

    @Test
    void packageOfAnotherEventIsNotFound() {
        Api other = new Api();
        UUID foreign = other.create("Theirs", "10");
        api.as().get(api.pkg(foreign)).then().statusCode(404).body("code", equalTo("package_not_found"));
        api.as().body("{\"name\":\"Mine\"}").patch(api.pkg(foreign)).then().statusCode(404)
                .body("code", equalTo("package_not_found"));
        api.as().delete(api.pkg(foreign)).then().statusCode(404).body("code", equalTo("package_not_found"));
        api.as().get(api.pkg(foreign) + "/audit").then().statusCode(404).body("code", equalTo("package_not_found"));
        api.as().get(api.pkg("not-a-uuid")).then().statusCode(404).body("code", equalTo("package_not_found"));
        given().auth().oauth2(Tokens.superAdmin()).get("/api/v1/admin/events/nope/tickets/packages").then()
                .statusCode(404).body("code", equalTo("not_found"));
        other.as().get(other.pkg(foreign)).then().statusCode(200).body("name", equalTo("Theirs"));
    }

    @Test
    void deleteWithoutSalesRemovesThePackage() {
        UUID id = api.create("Gala", "100");
        api.as().header("If-Match", "\"1\"").delete(api.pkg(id)).then().statusCode(204);
        api.as().get(api.pkg(id)).then().statusCode(404).body("code", equalTo("package_not_found"));
        var retire = PurchaseFake.calls(id).get(0);
        assertThat(retire.getString("path")).isEqualTo("/internal/v1/inventory/" + id + "/retire");
        assertThat(retire.getJsonObject("body").getString("event_id")).isEqualTo(api.event.toString());
        assertThat(retire.getJsonObject("body").getLong("catalog_version")).isEqualTo(2L);
    }

    @Test
    void reorderAppliesTheNewOrderAndBumpsMovedPackages() {
        UUID a = api.create("A", "1");
        UUID b = api.create("B", "1");
        UUID c = api.create(Map.of("name", "C", "price", 1, "is_enabled", false));
        api.as().body(Map.of("package_ids", List.of(c, a, b))).post(api.packages() + "/reorder").then().statusCode(200)
                .body("packages.id", contains(c.toString(), a.toString(), b.toString()))
                .body("packages.display_order", contains(0, 1, 2)).body("packages.version", contains(2, 2, 2));
        api.as().get(api.packages()).then().body("packages.id", contains(c.toString(), a.toString(), b.toString()));
        api.as().body(Map.of("package_ids", List.of(c, a, b))).post(api.packages() + "/reorder").then().statusCode(200)
                .body("packages.version", contains(2, 2, 2));
    }

    @Test
    void concurrentReordersNeverInterleave() throws Exception {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(api.create("P" + i, "1"));
        }
        var threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<List<UUID>> orders = new java.util.ArrayList<>();
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<UUID> order = new java.util.ArrayList<>(ids);
            java.util.Collections.shuffle(order, new java.util.Random(i));
            orders.add(order);
            answers.add(threads.submit(() -> {
                start.await();
                return api.as().body(Map.of("package_ids", order)).post(api.packages() + "/reorder").statusCode();
            }));
        }
        start.countDown();
        for (var answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }
        threads.shutdown();
        var list = api.as().get(api.packages()).then().extract();
        assertThat(list.<List<Integer>>path("packages.display_order")).containsExactly(0, 1, 2, 3);
        List<UUID> finalOrder = list.<List<String>>path("packages.id").stream().map(UUID::fromString).toList();
        assertThat(orders).contains(finalOrder);
    }

    @Test
    void reorderRefusesAnythingButEveryPackageOnce() {
        UUID a = api.create("A", "1");
        UUID b = api.create("B", "1");
        UUID foreign = new Api().create("X", "1");
        for (Object ids : List.of(List.of(a), List.of(a, b, b), List.of(a, b, foreign), List.of(a, "nope"),
                List.of())) {
            api.as().body(Map.of("package_ids", ids)).post(api.packages() + "/reorder").then().statusCode(422)
                    .contentType("application/problem+json").body("code", equalTo("invalid_reorder"));
        }
        api.as().body("{}").post(api.packages() + "/reorder").then().statusCode(422).body("code",
                equalTo("invalid_reorder"));
        api.as().get(api.packages()).then().body("packages.id", contains(a.toString(), b.toString()))
                .body("packages.version", contains(1, 1));
    }

    @Test
    void publicListShowsEnabledPackagesWithoutSoldCountOrVersion() {
        UUID shown = api.create(Map.of("name", "Open", "price", 10, "quantity_limit", 5));
        api.create(Map.of("name", "Closed", "price", 10, "is_enabled", false));
        given().get("/api/v1/events/" + api.event + "/tickets/packages").then().statusCode(200)
                .body("packages.id", contains(shown.toString())).body("packages[0].available", equalTo(5))
                .body("packages[0]", not(hasKey("sold_count"))).body("packages[0]", not(hasKey("version")))
                .body("packages[0].custom_options", empty());
        given().get("/api/v1/events/nope/tickets/packages").then().statusCode(404).body("code", equalTo("not_found"));
    }
}
