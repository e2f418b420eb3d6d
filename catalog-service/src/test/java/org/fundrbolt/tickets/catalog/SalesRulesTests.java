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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Eventually;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Sales windows, per-order limits, visibility and price tiers of packages (API.md, "Sales rules"). */
@QuarkusTest
@QuarkusTestResource(FakePromo.class)
class SalesRulesTests {

    private final Api api = new Api();

    private String publicList() {
        return "/api/v1/events/" + api.event + "/tickets/packages";
    }

    private static Map<String, Object> tier(String label, Object price, Object endsAt) {
        Map<String, Object> tier = new HashMap<>();
        tier.put("label", label);
        tier.put("price", price);
        tier.put("ends_at", endsAt);
        return tier;
    }

    private Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Gala", "price", 100));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aNewPackageIsAlwaysOnSaleOneToAHundredPublicWithoutTiers() {
        UUID id = api.create("Gala", "100");
        String admin = api.as().get(api.pkg(id)).then().statusCode(200).body("sales_start_at", nullValue())
                .body("sales_end_at", nullValue()).body("min_per_order", equalTo(1)).body("max_per_order", equalTo(100))
                .body("visibility", equalTo("public")).body("price_tiers", empty()).body("on_sale", equalTo(true))
                .body("$", hasKey("sales_start_at")).body("$", hasKey("sales_end_at")).extract().asString();
        assertThat(admin).contains("\"current_price\":100.00");
        String donors = given().get(publicList()).then().statusCode(200).body("packages.id", contains(id.toString()))
                .body("packages[0].min_per_order", equalTo(1)).body("packages[0].max_per_order", equalTo(100))
                .body("packages[0].visibility", equalTo("public")).body("packages[0].price_tiers", empty())
                .body("packages[0].on_sale", equalTo(true)).body("packages[0]", hasKey("sales_start_at"))
                .body("packages[0]", hasKey("sales_end_at")).body("packages[0]", not(hasKey("sold_count")))
                .body("packages[0]", not(hasKey("version"))).extract().asString();
        assertThat(donors).contains("\"current_price\":100.00");
    }

    @Test
    void takesAnyOffsetAndAnswersUtcToTheMillisecond() {
        var created = api.as().body(body("sales_start_at", "2026-12-04T12:00:00.123456+02:00", "sales_end_at",
                "2030-01-01T00:00:00Z", "min_per_order", 2, "max_per_order", 8, "visibility", "hidden",
                "price_tiers", List.of(tier("  Early bird  ", new BigDecimal("80.5"), "2027-01-01T01:00:00+01:00"))))
                .post(api.packages()).then().statusCode(201).body("sales_start_at", equalTo("2026-12-04T10:00:00.123Z"))
                .body("sales_end_at", equalTo("2030-01-01T00:00:00.000Z")).body("min_per_order", equalTo(2))
                .body("max_per_order", equalTo(8)).body("visibility", equalTo("hidden"))
                .body("price_tiers.size()", equalTo(1)).body("price_tiers[0].label", equalTo("Early bird"))
                .body("price_tiers[0].ends_at", equalTo("2027-01-01T00:00:00.000Z")).extract();
        assertThat(created.asString()).contains("\"price\":80.50").contains("\"price\":100.00");
        api.as().get(api.pkg(created.path("id"))).then().body("sales_start_at", equalTo("2026-12-04T10:00:00.123Z"))
                .body("price_tiers[0].label", equalTo("Early bird"));
    }

    @Test
    void refusesEveryBrokenRuleWithOneErrorPerField() {
        List<Object> tiers = List.of(tier("  ", -1, "2030-01-01T00:00:00Z"),
                tier("x".repeat(51), new BigDecimal("10.005"), "2029-01-01T00:00:00Z"),
                tier("Late", new BigDecimal("1000000.01"), null));
        api.as().body(body("sales_start_at", "1999-12-31T23:59:59.999Z", "sales_end_at", "+10000-01-01T00:00:00Z",
                "min_per_order", 0, "max_per_order", 101, "visibility", "secret", "price_tiers", tiers))
                .post(api.packages()).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", containsInAnyOrder("sales_start_at", "sales_end_at", "min_per_order",
                        "max_per_order", "visibility", "price_tiers[0].label", "price_tiers[0].price",
                        "price_tiers[1].label", "price_tiers[1].price", "price_tiers[1].ends_at",
                        "price_tiers[2].price", "price_tiers[2].ends_at"));
        api.as().body(body("sales_start_at", "2027-01-01T00:00:00Z", "sales_end_at", "2027-01-01T00:00:00Z"))
                .post(api.packages()).then().statusCode(422).body("errors.field", contains("sales_end_at"));
        api.as().body(body("sales_start_at", "2027-01-02T00:00:00Z", "sales_end_at", "2027-01-01T00:00:00Z"))
                .post(api.packages()).then().statusCode(422).body("errors.field", contains("sales_end_at"));
        api.as().body(body("min_per_order", 10, "max_per_order", 9)).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("max_per_order"));
        api.as().body(body("min_per_order", 101)).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("min_per_order"));
        List<Object> six = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            six.add(tier("Tier " + i, 10 * i, "2030-01-0" + i + "T00:00:00Z"));
        }
        api.as().body(body("price_tiers", six)).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("price_tiers"));
        api.as().body(body("price_tiers", List.of(tier("Early", 10, "2030-01-01T00:00:00Z"),
                tier("Early too", 20, "2030-01-01T00:00:00Z")))).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("price_tiers[1].ends_at"));
        api.as().body(body("price_tiers", List.of(tier("Tab\there", 10, "2030-01-01T00:00:00Z"),
                tier(null, null, "2031-01-01T00:00:00Z")))).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("price_tiers[0].label", "price_tiers[1].label", "price_tiers[1].price"));
        api.as().body("{\"name\":\"Gala\",\"price\":100,\"price_tiers\":[null]}").post(api.packages()).then()
                .statusCode(422).body("errors.field", contains("price_tiers[0]"));
        api.as().body(body("visibility", "HIDDEN")).post(api.packages()).then().statusCode(422)
                .body("errors.field", contains("visibility"));
        api.as().get(api.packages()).then().body("packages", empty());
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        api.as().body(body("sales_start_at", "2000-01-01T00:00:00Z", "sales_end_at", "9999-12-31T23:59:59.999Z",
                "min_per_order", 100, "max_per_order", 100, "price_tiers",
                List.of(tier("x".repeat(50), 0, "2000-01-01T00:00:00.001Z"),
                        tier("Top", new BigDecimal("1000000.00"), "9999-12-31T23:59:59.999Z"))))
                .post(api.packages()).then().statusCode(201).body("min_per_order", equalTo(100))
                .body("sales_end_at", equalTo("9999-12-31T23:59:59.999Z"));
        api.as().body(body("price_tiers", null, "visibility", null, "min_per_order", null)).post(api.packages())
                .then().statusCode(201).body("price_tiers", empty()).body("visibility", equalTo("public"))
                .body("min_per_order", equalTo(1));
    }

    @Test
    void wrongJsonTypesAreMalformedAndUnknownTierFieldsUnknown() {
        for (String broken : List.of("\"sales_start_at\":\"tomorrow\"", "\"sales_end_at\":true",
                "\"sales_start_at\":1798761600", "\"sales_end_at\":1798761600.5",
                "\"sales_start_at\":[]", "\"min_per_order\":\"2\"", "\"max_per_order\":1.5", "\"visibility\":true",
                "\"price_tiers\":{}", "\"price_tiers\":[\"early\"]", "\"price_tiers\":\"[]\"",
                "\"price_tiers\":[{\"label\":\"A\",\"price\":\"10\",\"ends_at\":\"2030-01-01T00:00:00Z\"}]",
                "\"price_tiers\":[{\"label\":5,\"price\":10,\"ends_at\":\"2030-01-01T00:00:00Z\"}]",
                "\"price_tiers\":[{\"label\":\"A\",\"price\":10,\"ends_at\":1893456000}]")) {
            api.as().body("{\"name\":\"Gala\",\"price\":100," + broken + "}").post(api.packages()).then()
                    .statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed_json"));
        }
        api.as().body("{\"name\":\"Gala\",\"price\":100,\"price_tiers\":[{\"label\":\"A\",\"price\":10,"
                + "\"ends_at\":\"2030-01-01T00:00:00Z\",\"colour\":\"red\"}]}").post(api.packages()).then()
                .statusCode(400).body("code", equalTo("unknown_field"));
        UUID id = api.create("Gala", "100");
        api.as().body("{\"min_per_order\":\"2\"}").patch(api.pkg(id)).then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        api.as().body("{\"price_tiers\":[{\"label\":\"A\",\"price\":10,\"ends_at\":\"2030-01-01T00:00:00Z\","
                + "\"starts_at\":\"2029-01-01T00:00:00Z\"}]}").patch(api.pkg(id)).then().statusCode(400)
                .body("code", equalTo("unknown_field"));
        api.as().get(api.packages()).then().body("packages.id", contains(id.toString()))
                .body("packages[0].version", equalTo(1));
    }

    @Test
    void patchChecksTheMergedRulesAndBumpsTheVersionOnlyForChanges() {
        UUID id = api.create(body("sales_end_at", "2030-01-01T00:00:00Z", "max_per_order", 10));
        api.as().body("{\"sales_start_at\":\"2031-01-01T00:00:00Z\"}").patch(api.pkg(id)).then().statusCode(422)
                .body("errors.field", contains("sales_end_at"));
        api.as().body("{\"min_per_order\":20}").patch(api.pkg(id)).then().statusCode(422)
                .body("errors.field", contains("max_per_order"));
        api.as().body("{\"min_per_order\":null,\"max_per_order\":null,\"visibility\":null}").patch(api.pkg(id))
                .then().statusCode(422).body("errors.field", containsInAnyOrder("min_per_order", "max_per_order",
                        "visibility"));
        api.as().get(api.pkg(id)).then().body("version", equalTo(1)).body("max_per_order", equalTo(10));
        api.as().body("{\"min_per_order\":20,\"max_per_order\":30}").patch(api.pkg(id)).then().statusCode(200)
                .body("min_per_order", equalTo(20)).body("max_per_order", equalTo(30)).body("version", equalTo(2));
        api.as().body("{\"sales_start_at\":\"2031-01-01T00:00:00Z\",\"sales_end_at\":null}").patch(api.pkg(id))
                .then().statusCode(200).body("sales_start_at", equalTo("2031-01-01T00:00:00.000Z"))
                .body("sales_end_at", nullValue()).body("on_sale", equalTo(false)).body("version", equalTo(3));
        api.as().body(Map.of("visibility", "hidden", "price_tiers",
                List.of(tier("Early", 50, "2030-06-01T00:00:00Z")))).patch(api.pkg(id)).then().statusCode(200)
                .body("visibility", equalTo("hidden")).body("price_tiers[0].label", equalTo("Early"))
                .body("version", equalTo(4));
        // the same values again change nothing
        api.as().body(Map.of("visibility", "hidden", "min_per_order", 20, "sales_start_at", "2031-01-01T02:00:00+02:00",
                "price_tiers", List.of(tier("Early", new BigDecimal("50.00"), "2030-06-01T00:00:00Z"))))
                .patch(api.pkg(id)).then().statusCode(200).body("version", equalTo(4));
        api.as().body("{\"price_tiers\":null,\"sales_start_at\":null}").patch(api.pkg(id)).then().statusCode(200)
                .body("price_tiers", empty()).body("sales_start_at", nullValue()).body("version", equalTo(5))
                .body("on_sale", equalTo(true)).body("name", equalTo("Gala"));
    }

    @Test
    void onSaleAndCurrentPriceFollowTheClock() {
        Instant now = now();
        UUID past = api.create(body("name", "Past", "sales_start_at", now.minus(2, ChronoUnit.DAYS).toString(),
                "sales_end_at", now.minus(1, ChronoUnit.DAYS).toString()));
        UUID future = api.create(body("name", "Future", "sales_start_at", now.plus(1, ChronoUnit.DAYS).toString()));
        UUID open = api.create(body("name", "Open", "sales_start_at", now.minus(1, ChronoUnit.DAYS).toString(),
                "sales_end_at", now.plus(1, ChronoUnit.DAYS).toString(), "price_tiers",
                List.of(tier("Earliest", 60, now.minus(2, ChronoUnit.DAYS).toString()),
                        tier("Early", 70, now.plus(1, ChronoUnit.DAYS).toString()),
                        tier("Late", 85, now.plus(2, ChronoUnit.DAYS).toString()))));
        UUID tiersOver = api.create(body("name", "Tiers over", "price_tiers",
                List.of(tier("Early", 70, now.minus(1, ChronoUnit.DAYS).toString()))));
        UUID disabled = api.create(body("name", "Disabled", "is_enabled", false));
        JsonPath admin = api.as().get(api.packages()).then().statusCode(200).extract().jsonPath();
        assertThat(admin.getList("packages.on_sale", Boolean.class)).containsExactly(false, false, true, true, false);
        assertThat(admin.getList("packages.current_price", String.class)).containsExactly("100.0", "100.0", "70.0",
                "100.0", "100.0");
        var donors = given().get(publicList()).then().statusCode(200)
                .body("packages.id",
                        contains(past.toString(), future.toString(), open.toString(), tiersOver.toString()))
                .body("packages.on_sale", contains(false, false, true, true)).extract();
        assertThat(donors.asString()).contains("\"current_price\":70.00");
        assertThat(disabled).isNotNull();
    }

    @Test
    void aWindowOpensAndClosesByItselfAndTheEarlyBirdEndsWithoutAnEdit() {
        Instant start = now().plusMillis(2500);
        Instant end = start.plusMillis(1500);
        UUID id = api.create(body("sales_start_at", start.toString(), "sales_end_at", end.toString(), "price_tiers",
                List.of(tier("Early bird", 80, start.toString()))));
        var first = given().get(publicList()).then().statusCode(200).extract();
        if (Instant.now().isBefore(start)) {
            assertThat(first.<Boolean>path("packages[0].on_sale")).isFalse();
            assertThat(first.asString()).contains("\"current_price\":80.00");
        }
        Eventually.value(() -> given().get(publicList()).then().extract().<Boolean>path("packages[0].on_sale"),
                onSale -> onSale, Duration.ofSeconds(15));
        String opened = given().get(publicList()).then().extract().asString();
        if (Instant.now().isBefore(end)) {
            assertThat(opened).contains("\"current_price\":100.00");
        }
        Eventually.value(() -> given().get(publicList()).then().extract().<Boolean>path("packages[0].on_sale"),
                onSale -> !onSale, Duration.ofSeconds(15));
        assertThat(given().get(publicList()).then().extract().asString()).contains("\"current_price\":100.00");
        api.as().get(api.pkg(id)).then().body("version", equalTo(1)).body("on_sale", equalTo(false));
    }

    @Test
    void theApiDocumentDescribesTheRulesAndTheCodeParameter() {
        var document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        for (String schema : List.of("PackageView", "PublicPackageView")) {
            assertThat(document.getMap("components.schemas." + schema + ".properties").keySet()).contains(
                    "sales_start_at", "sales_end_at", "min_per_order", "max_per_order", "visibility", "price_tiers",
                    "on_sale", "current_price");
        }
        assertThat(document.getMap("components.schemas.PriceTierView.properties").keySet())
                .containsExactlyInAnyOrder("label", "price", "ends_at");
        assertThat(document.getList("paths.'/api/v1/events/{event_id}/tickets/packages'.get.parameters.name"))
                .contains("code");
    }
}
