package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.adminPath;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.knownPackage;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class PromoCodeAdminTests {

    @Inject
    Pool pool;

    private final UUID event = UUID.randomUUID();

    private RequestSpecification admin() {
        return given().auth().oauth2(Tokens.coordinator(event)).contentType(ContentType.JSON);
    }

    private long codesOfEvent() {
        return PromoFixtures.count(pool, "SELECT count(*) FROM promo_codes WHERE event_id = $1", event);
    }

    @Test
    void createsCodeUpperCaseWithTheDocumentedShape() {
        UUID pkg = UUID.randomUUID();
        knownPackage(pool, pkg, event, "1200.00");
        admin().body(Map.of("code", "gala-2026_a", "discount_type", "percentage", "discount_value", 20,
                "max_total_uses", 10, "valid_from", "2026-01-01T00:00:00Z", "expires_at", "2030-01-01T00:00:00.5Z",
                "package_ids", List.of(pkg.toString())))
                .post(adminPath(event)).then().statusCode(201)
                .header("Location", containsString(adminPath(event) + "/"))
                .body("code", equalTo("GALA-2026_A"))
                .body("event_id", equalTo(event.toString()))
                .body("discount_type", equalTo("percentage"))
                .body("discount_value", equalTo(20.00f))
                .body("max_total_uses", equalTo(10))
                .body("max_uses_per_donor", nullValue())
                .body("current_uses", equalTo(0))
                .body("valid_from", equalTo("2026-01-01T00:00:00.000Z"))
                .body("expires_at", equalTo("2030-01-01T00:00:00.500Z"))
                .body("is_active", equalTo(true))
                .body("package_ids", contains(pkg.toString()))
                .body("unlocks_package_ids", hasSize(0))
                .body("version", equalTo(1));
        String raw = admin().get(adminPath(event)).then().statusCode(200).body("promo_codes", hasSize(1))
                .extract().asString();
        assertThat(raw).contains("\"discount_value\":20.00");
        assertThat(raw).contains("\"created_at\"").contains("\"updated_at\"");
    }

    @Test
    void refusesASecondCodeWithTheSameLettersInAnotherCase() {
        createCode(event, Map.of("code", "SPRING", "discount_type", "fixed_amount", "discount_value", 10));
        admin().body(Map.of("code", "spring", "discount_type", "fixed_amount", "discount_value", 5))
                .post(adminPath(event)).then().statusCode(409).body("code", equalTo("promo_code_exists"));
        // Another event may use the same code.
        UUID other = UUID.randomUUID();
        createCode(other, Map.of("code", "spring", "discount_type", "fixed_amount", "discount_value", 5));
    }

    @Test
    void refusesCodesWhoseUpperCaseWouldBeOtherLetters() {
        // 'ß' upper-cases to "SS" and the ligature 'ﬀ' to "FF": they would pass as the ASCII code they resemble.
        for (String code : List.of("STRAße", "ﬀ10", "GALAK")) {
            admin().body(Map.of("code", code, "discount_type", "fixed_amount", "discount_value", 5))
                    .post(adminPath(event)).then().statusCode(422).body("code", equalTo("validation_failed"))
                    .body("errors.field", containsInAnyOrder("code"));
        }
        assertThat(codesOfEvent()).isZero();
        createCode(event, Map.of("code", "STRASSE", "discount_type", "fixed_amount", "discount_value", 5));
        validate(event, UUID.randomUUID(), "STRAße", null, null).statusCode(404)
                .body("code", equalTo("promo_code_not_found"));
    }

    @Test
    void reportsEveryBrokenFieldOfACreateAndWritesNothing() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", "a!");
        body.put("discount_type", "percentage");
        body.put("discount_value", 120);
        body.put("max_total_uses", 0);
        body.put("max_uses_per_donor", -1);
        body.put("valid_from", "2027-01-01T00:00:00Z");
        body.put("expires_at", "2026-01-01T00:00:00Z");
        body.put("package_ids", List.of(UUID.randomUUID().toString()));
        admin().body(body).post(adminPath(event)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", containsInAnyOrder("code", "discount_value", "max_total_uses",
                        "max_uses_per_donor", "expires_at", "package_ids"));
        admin().body(Map.of("discount_type", "bogus", "discount_value", 0)).post(adminPath(event)).then()
                .statusCode(422).body("errors.field", containsInAnyOrder("code", "discount_type", "discount_value"));
        assertThat(codesOfEvent()).isZero();
    }

    @Test
    void refusesThreeDecimalsUnknownFieldsWrongTypesAndBrokenJsonWithoutWriting() {
        admin().body(Map.of("code", "THREE", "discount_type", "fixed_amount", "discount_value", 10.005))
                .post(adminPath(event)).then().statusCode(422).body("errors[0].field", equalTo("discount_value"));
        admin().body(Map.of("code", "EXTRA", "discount_type", "fixed_amount", "discount_value", 10, "colour", "red"))
                .post(adminPath(event)).then().statusCode(400).body("code", equalTo("unknown_field"));
        admin().body("{\"code\":\"TYPE\",\"discount_type\":\"fixed_amount\",\"discount_value\":\"10\"}")
                .post(adminPath(event)).then().statusCode(400).body("code", equalTo("malformed_json"));
        admin().body(
                "{\"code\":\"TYPE\",\"discount_type\":\"fixed_amount\",\"discount_value\":10,\"max_total_uses\":1.5}")
                .post(adminPath(event)).then().statusCode(400).body("code", equalTo("malformed_json"));
        admin().body("{\"code\":\"BROKEN\",").post(adminPath(event)).then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        admin().contentType(ContentType.TEXT).body("code=X").post(adminPath(event)).then().statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
        assertThat(codesOfEvent()).isZero();
    }

    /** Beyond what PostgreSQL's timestamptz and the wire format can carry, or simply absurd for a gala. */
    private static final List<Map<String, String>> OUT_OF_RANGE = List.of(
            Map.of("expires_at", "+999999999-12-31T23:59:59Z"), Map.of("valid_from", "+999999999-12-31T23:59:59Z"),
            Map.of("valid_from", "-000001-01-01T00:00:00Z"), Map.of("expires_at", "+10000-01-01T00:00:00Z"),
            Map.of("valid_from", "1999-12-31T23:59:59.999Z"));

    @Test
    void refusesTimestampsOutOfRangeAndWritesNothing() {
        for (Map<String, String> timestamp : OUT_OF_RANGE) {
            Map<String, Object> body = new HashMap<>(timestamp);
            body.putAll(Map.of("code", "FAR", "discount_type", "fixed_amount", "discount_value", 5));
            admin().body(body).post(adminPath(event)).then().statusCode(422)
                    .body("code", equalTo("validation_failed"))
                    .body("errors.field", contains(timestamp.keySet().iterator().next()));
        }
        assertThat(codesOfEvent()).isZero();
        UUID id = createCode(event, Map.of("code", "NEAR", "discount_type", "fixed_amount", "discount_value", 5,
                "expires_at", "2030-01-01T00:00:00Z"));
        for (Map<String, String> timestamp : OUT_OF_RANGE) {
            admin().body(timestamp).patch(adminPath(event) + "/" + id).then().statusCode(422)
                    .body("code", equalTo("validation_failed"))
                    .body("errors.field", contains(timestamp.keySet().iterator().next()));
        }
        admin().get(adminPath(event) + "/" + id).then().statusCode(200).body("version", equalTo(1))
                .body("valid_from", nullValue()).body("expires_at", equalTo("2030-01-01T00:00:00.000Z"));
        admin().get(adminPath(event)).then().statusCode(200).body("promo_codes", hasSize(1));
        // The bounds themselves are fine.
        admin().body(Map.of("code", "EDGES", "discount_type", "fixed_amount", "discount_value", 5, "valid_from",
                "2000-01-01T00:00:00Z", "expires_at", "9999-12-31T23:59:59.999Z")).post(adminPath(event)).then()
                .statusCode(201).body("valid_from", equalTo("2000-01-01T00:00:00.000Z"))
                .body("expires_at", equalTo("9999-12-31T23:59:59.999Z"));
    }

    @Test
    void readsEveryTimestampTheColumnCanHold() {
        Map<String, String[]> stored = Map.of(
                "ENDLESS", new String[]{"-infinity", "infinity"},
                "ANCIENT", new String[]{"4713-01-01 00:00:00+00 BC", "294276-12-31 23:59:59+00"},
                "GONE", new String[]{null, "-infinity"},
                "NEVER", new String[]{"infinity", null});
        Map<String, UUID> ids = new HashMap<>();
        for (var entry : stored.entrySet()) {
            UUID id = createCode(event, Map.of("code", entry.getKey(), "discount_type", "fixed_amount",
                    "discount_value", 5));
            ids.put(entry.getKey(), id);
            pool.preparedQuery(
                    "UPDATE promo_codes SET valid_from = $2::text::timestamptz, expires_at = $3::text::timestamptz "
                            + "WHERE id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, entry.getValue()[0],
                            entry.getValue()[1]))
                    .await().indefinitely();
        }
        admin().get(adminPath(event)).then().statusCode(200).body("promo_codes", hasSize(4));
        // Shown clamped to the range a code may be given, which keeps their meaning.
        admin().get(adminPath(event) + "/" + ids.get("ENDLESS")).then().statusCode(200)
                .body("valid_from", equalTo("2000-01-01T00:00:00.000Z"))
                .body("expires_at", equalTo("9999-12-31T23:59:59.999Z"));
        admin().get(adminPath(event) + "/" + ids.get("ANCIENT")).then().statusCode(200);
        UUID donor = UUID.randomUUID();
        PromoFixtures.validate(event, donor, "ENDLESS", null, null).statusCode(200);
        PromoFixtures.validate(event, donor, "ANCIENT", null, null).statusCode(200);
        PromoFixtures.validate(event, donor, "GONE", null, null).statusCode(410);
        PromoFixtures.validate(event, donor, "NEVER", null, null).statusCode(410);
        // An edit of another field writes the clamped values back, inside the range.
        admin().body(Map.of("discount_value", 6)).patch(adminPath(event) + "/" + ids.get("ENDLESS")).then()
                .statusCode(200).body("version", equalTo(2));
    }

    @Test
    void patchLeavesAbsentFieldsAndClearsExplicitNulls() {
        UUID id = createCode(event, Map.of("code", "PATCHME", "discount_type", "percentage", "discount_value", 10,
                "max_total_uses", 5, "max_uses_per_donor", 1, "expires_at", "2030-01-01T00:00:00Z"));
        Map<String, Object> changes = new HashMap<>();
        changes.put("max_total_uses", null);
        changes.put("expires_at", null);
        changes.put("discount_value", 15.5);
        admin().header("If-Match", "\"1\"").body(changes).patch(adminPath(event) + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("max_total_uses", nullValue()).body("expires_at", nullValue())
                .body("max_uses_per_donor", equalTo(1)).body("discount_value", equalTo(15.50f))
                .body("code", equalTo("PATCHME")).body("version", equalTo(2));
        Map<String, Object> nullCode = new HashMap<>();
        nullCode.put("code", null);
        nullCode.put("is_active", null);
        admin().body(nullCode).patch(adminPath(event) + "/" + id).then().statusCode(422)
                .body("errors.field", containsInAnyOrder("code", "is_active"));
        admin().body(Map.of("current_uses", 0)).patch(adminPath(event) + "/" + id).then().statusCode(400)
                .body("code", equalTo("unknown_field"));
        admin().body(Map.of("max_total_uses", "many")).patch(adminPath(event) + "/" + id).then().statusCode(400);
        admin().get(adminPath(event) + "/" + id).then().body("version", equalTo(2));
    }

    @Test
    void refusesAStaleIfMatch() {
        UUID id = createCode(event, Map.of("code", "STALE", "discount_type", "percentage", "discount_value", 10));
        admin().header("If-Match", "\"1\"").body(Map.of("is_active", false)).patch(adminPath(event) + "/" + id)
                .then().statusCode(200);
        admin().header("If-Match", "\"1\"").body(Map.of("is_active", true)).patch(adminPath(event) + "/" + id)
                .then().statusCode(412).body("code", equalTo("version_conflict"));
        admin().header("If-Match", "\"1\"").delete(adminPath(event) + "/" + id).then().statusCode(412)
                .body("code", equalTo("version_conflict"));
        admin().get(adminPath(event) + "/" + id).then().statusCode(200).body("is_active", equalTo(false));
    }

    @Test
    void freezesCodeAndDiscountOnceUsedAndKeepsTheLimitAboveUses() {
        UUID pkg = UUID.randomUUID();
        UUID id = createCode(event, Map.of("code", "USED", "discount_type", "percentage", "discount_value", 10,
                "max_total_uses", 5));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "USED", pkg, "100.00").statusCode(201);
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "USED", pkg, "100.00").statusCode(201);
        admin().body(Map.of("code", "RENAMED", "discount_value", 50, "discount_type", "fixed_amount"))
                .patch(adminPath(event) + "/" + id).then().statusCode(422)
                .body("errors.field", containsInAnyOrder("code", "discount_type", "discount_value"));
        admin().body(Map.of("max_total_uses", 1)).patch(adminPath(event) + "/" + id).then().statusCode(422)
                .body("errors.field", contains("max_total_uses"));
        admin().body(Map.of("max_total_uses", 2, "code", "used")).patch(adminPath(event) + "/" + id).then()
                .statusCode(200).body("max_total_uses", equalTo(2)).body("current_uses", equalTo(2));
    }

    @Test
    void deactivatesAUsedCodeButRemovesAnUnusedOne() {
        UUID used = createCode(event, Map.of("code", "KEEPME", "discount_type", "fixed_amount", "discount_value", 5));
        UUID unused = createCode(event, Map.of("code", "DROPME", "discount_type", "fixed_amount", "discount_value", 5));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "KEEPME", UUID.randomUUID(), "20.00").statusCode(201);
        admin().delete(adminPath(event) + "/" + used).then().statusCode(204);
        admin().delete(adminPath(event) + "/" + unused).then().statusCode(204);
        admin().get(adminPath(event) + "/" + used).then().statusCode(200).body("is_active", equalTo(false))
                .body("current_uses", equalTo(1));
        admin().get(adminPath(event) + "/" + unused).then().statusCode(404).body("code", equalTo("promo_not_found"));
        admin().delete(adminPath(event) + "/" + unused).then().statusCode(404).body("code", equalTo("promo_not_found"));
    }

    @Test
    void answersPromoNotFoundForUnknownMalformedAndOtherEventsIds() {
        UUID other = UUID.randomUUID();
        UUID foreign = createCode(other,
                Map.of("code", "FOREIGN", "discount_type", "fixed_amount", "discount_value", 5));
        admin().get(adminPath(event) + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("promo_not_found"));
        admin().get(adminPath(event) + "/not-a-uuid").then().statusCode(404).body("code", equalTo("promo_not_found"));
        admin().get(adminPath(event) + "/" + foreign).then().statusCode(404).body("code", equalTo("promo_not_found"));
        admin().body(Map.of("is_active", false)).patch(adminPath(event) + "/" + foreign).then().statusCode(404);
        given().auth().oauth2(Tokens.coordinator(event)).get("/api/v1/admin/events/nope/promo-codes").then()
                .statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void refusesPackagesOfAnotherEvent() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        knownPackage(pool, mine, event, "10.00");
        knownPackage(pool, theirs, UUID.randomUUID(), "10.00");
        admin().body(Map.of("code", "SCOPED", "discount_type", "fixed_amount", "discount_value", 5,
                "package_ids", List.of(mine.toString(), theirs.toString()))).post(adminPath(event)).then()
                .statusCode(422).body("errors.field", contains("package_ids"));
        UUID id = createCode(event, Map.of("code", "SCOPED", "discount_type", "fixed_amount", "discount_value", 5,
                "package_ids", List.of(mine.toString())));
        admin().body(Map.of("package_ids", List.of(theirs.toString()))).patch(adminPath(event) + "/" + id).then()
                .statusCode(422).body("errors.field", contains("package_ids"));
    }

    @Test
    void createsAccessCodesWithoutADiscount() {
        Map<String, Object> withNull = new HashMap<>(Map.of("code", "NULLED", "discount_type", "none"));
        withNull.put("discount_value", null);
        for (Map<String, Object> body : List.of(Map.<String, Object>of("code", "ABSENT", "discount_type", "none"),
                withNull, Map.<String, Object>of("code", "ZERO", "discount_type", "none", "discount_value", 0))) {
            String raw = admin().body(body).post(adminPath(event)).then().statusCode(201)
                    .body("discount_type", equalTo("none")).extract().asString();
            assertThat(raw).contains("\"discount_value\":0.00");
        }
        for (Object value : List.of(5, 0.01, -1)) {
            admin().body(Map.of("code", "WORTH", "discount_type", "none", "discount_value", value))
                    .post(adminPath(event)).then().statusCode(422).body("code", equalTo("validation_failed"))
                    .body("errors.field", contains("discount_value"));
        }
        // Every other type still needs its value.
        admin().body(Map.of("code", "BARE", "discount_type", "percentage")).post(adminPath(event)).then()
                .statusCode(422).body("errors.field", contains("discount_value"));
        assertThat(codesOfEvent()).isEqualTo(3);
    }

    @Test
    void turnsACodeIntoAnAccessCodeUntilItIsUsed() {
        UUID id = createCode(event, Map.of("code", "TURN", "discount_type", "percentage", "discount_value", 10));
        admin().body(Map.of("discount_type", "none", "discount_value", 10)).patch(adminPath(event) + "/" + id).then()
                .statusCode(422).body("errors.field", contains("discount_value"));
        String raw = admin().body(Map.of("discount_type", "none")).patch(adminPath(event) + "/" + id).then()
                .statusCode(200).body("discount_type", equalTo("none")).extract().asString();
        assertThat(raw).contains("\"discount_value\":0.00");
        // Back to a discount: 0 is no percentage.
        admin().body(Map.of("discount_type", "percentage")).patch(adminPath(event) + "/" + id).then().statusCode(422)
                .body("errors.field", contains("discount_value"));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "TURN", UUID.randomUUID(), "100.00").statusCode(201)
                .body("discount_amount", equalTo(0.0f));
        admin().body(Map.of("discount_type", "fixed_amount", "discount_value", 5)).patch(adminPath(event) + "/" + id)
                .then().statusCode(422).body("errors.field", containsInAnyOrder("discount_type", "discount_value"));
        admin().get(adminPath(event) + "/" + id).then().statusCode(200).body("discount_type", equalTo("none"))
                .body("version", equalTo(2));
    }

    @Test
    void unlocksOnlyPackagesOfTheEventEachOnce() {
        UUID hidden = UUID.randomUUID();
        UUID alsoHidden = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        knownPackage(pool, hidden, event, "100.00");
        knownPackage(pool, alsoHidden, event, "200.00");
        knownPackage(pool, theirs, UUID.randomUUID(), "100.00");
        admin().body(Map.of("code", "VIP", "discount_type", "none", "unlocks_package_ids",
                List.of(hidden.toString(), theirs.toString(), UUID.randomUUID().toString())))
                .post(adminPath(event)).then().statusCode(422).body("errors.field", contains("unlocks_package_ids"));
        admin().body(Map.of("code", "VIP", "discount_type", "none", "unlocks_package_ids",
                List.of(hidden.toString(), hidden.toString()))).post(adminPath(event)).then().statusCode(422)
                .body("errors.field", contains("unlocks_package_ids"));
        admin().body("{\"code\":\"VIP\",\"discount_type\":\"none\",\"unlocks_package_ids\":[null]}")
                .post(adminPath(event)).then().statusCode(422).body("errors.field", contains("unlocks_package_ids"));
        admin().body("{\"code\":\"VIP\",\"discount_type\":\"none\",\"unlocks_package_ids\":\"" + hidden
                + "\"}").post(adminPath(event)).then().statusCode(400).body("code", equalTo("malformed_json"));
        assertThat(codesOfEvent()).isZero();

        UUID id = admin().body(Map.of("code", "VIP", "discount_type", "none", "max_total_uses", 5,
                "unlocks_package_ids", List.of(hidden.toString()))).post(adminPath(event)).then().statusCode(201)
                .body("unlocks_package_ids", contains(hidden.toString())).body("package_ids", hasSize(0))
                .extract().jsonPath().getUUID("id");
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("unlocks_package_ids", null);
        admin().body(cleared).patch(adminPath(event) + "/" + id).then().statusCode(422)
                .body("errors.field", contains("unlocks_package_ids"));
        admin().body(Map.of("unlocks_package_ids", List.of(theirs.toString()))).patch(adminPath(event) + "/" + id)
                .then().statusCode(422).body("errors.field", contains("unlocks_package_ids"));
        // What a code unlocks may change after it was used; its discount may not.
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "VIP", hidden, "100.00").statusCode(201);
        admin().body(Map.of("unlocks_package_ids", List.of(hidden.toString(), alsoHidden.toString())))
                .patch(adminPath(event) + "/" + id).then().statusCode(200)
                .body("unlocks_package_ids", contains(hidden.toString(), alsoHidden.toString()))
                .body("current_uses", equalTo(1)).body("version", equalTo(2));
        admin().get(adminPath(event)).then().statusCode(200)
                .body("promo_codes[0].unlocks_package_ids", contains(hidden.toString(), alsoHidden.toString()));
    }

    @Test
    void letsOnlyAdministratorsOfTheEventIn() {
        given().contentType(ContentType.JSON).body(Map.of()).post(adminPath(event)).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("code", "NOPE", "discount_type", "fixed_amount", "discount_value", 5))
                .post(adminPath(event)).then().statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("code", "NOPE", "discount_type", "fixed_amount", "discount_value", 5))
                .post(adminPath(event)).then().statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(PromoFixtures.serviceToken()).get(adminPath(event)).then().statusCode(403);
        given().auth().oauth2(Tokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", "ADMIN", "discount_type", "fixed_amount", "discount_value", 5))
                .post(adminPath(event)).then().statusCode(201);
        given().auth().oauth2(Tokens.superAdmin()).get(adminPath(event)).then().statusCode(200)
                .body("promo_codes.code", hasItems("ADMIN"));
        assertThat(codesOfEvent()).isEqualTo(1);
    }
}
