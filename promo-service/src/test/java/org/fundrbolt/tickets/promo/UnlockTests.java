package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.adminPath;
import static org.fundrbolt.tickets.promo.PromoFixtures.allAtOnce;
import static org.fundrbolt.tickets.promo.PromoFixtures.countStatus;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.knownPackage;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.serviceToken;
import static org.fundrbolt.tickets.promo.PromoFixtures.unlock;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** {@code POST /internal/v1/unlocks}: the hidden packages a donor's code unlocks (API.md, "Sales rules"). */
@QuarkusTest
class UnlockTests {

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    private final UUID event = UUID.randomUUID();
    private final UUID donor = UUID.randomUUID();
    private final UUID hidden = UUID.randomUUID();
    private final UUID alsoHidden = UUID.randomUUID();

    @BeforeEach
    void hiddenPackages() {
        knownPackage(pool, hidden, event, "500.00");
        knownPackage(pool, alsoHidden, event, "800.00");
    }

    private UUID vip(Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", "VIP", "discount_type", "none",
                "unlocks_package_ids", List.of(hidden.toString(), alsoHidden.toString())));
        body.putAll(more);
        return createCode(event, body);
    }

    private static void assertRateLimited(ValidatableResponse answer) {
        answer.statusCode(429).body("code", equalTo("rate_limited")).header("Retry-After",
                matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void answersThePackagesAKnownCodeUnlocks() {
        vip(Map.of("max_total_uses", 1));
        String raw = unlock(event, donor, "vip").statusCode(200).extract().asString();
        assertThat(raw).isEqualTo("{\"code\":\"VIP\",\"package_ids\":[\"" + hidden + "\",\"" + alsoHidden + "\"]}");
        // Used up, it still unlocks: checkout is where the donor learns it is exhausted.
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "VIP", hidden, "500.00").statusCode(201);
        unlock(event, donor, "Vip").statusCode(200).body("package_ids", contains(hidden.toString(),
                alsoHidden.toString()));
        // A discount code unlocks what it names too, and a code without unlocks nothing.
        createCode(event, Map.of("code", "HALF", "discount_type", "percentage", "discount_value", 50,
                "unlocks_package_ids", List.of(alsoHidden.toString())));
        createCode(event, Map.of("code", "PLAIN", "discount_type", "fixed_amount", "discount_value", 5));
        unlock(event, donor, "HALF").statusCode(200).body("package_ids", contains(alsoHidden.toString()));
        unlock(event, donor, "PLAIN").statusCode(200).body("code", equalTo("PLAIN")).body("package_ids", hasSize(0));
    }

    @Test
    void unlocksNothingOutsideTheCodesWindowOrWhenInactiveWithoutCountingAGuess() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> unlocks = List.of(hidden.toString());
        createCode(event, Map.of("code", "OFF", "discount_type", "none", "is_active", false,
                "unlocks_package_ids", unlocks));
        createCode(event, Map.of("code", "PAST", "discount_type", "none", "unlocks_package_ids", unlocks,
                "valid_from", now.minus(2, ChronoUnit.DAYS).toString(),
                "expires_at", now.minus(1, ChronoUnit.DAYS).toString()));
        createCode(event, Map.of("code", "SOON", "discount_type", "none", "unlocks_package_ids", unlocks,
                "valid_from", now.plus(1, ChronoUnit.DAYS).toString()));
        createCode(event, Map.of("code", "NOW", "discount_type", "none", "unlocks_package_ids", unlocks,
                "valid_from", now.minus(1, ChronoUnit.DAYS).toString(),
                "expires_at", now.plus(1, ChronoUnit.DAYS).toString()));
        for (int i = 0; i < 19; i++) {
            unlock(event, donor, "GUESS" + i).statusCode(200).body("package_ids", hasSize(0));
        }
        for (int i = 0; i < 5; i++) {
            for (String code : List.of("OFF", "PAST", "SOON")) {
                unlock(event, donor, code).statusCode(200).body("code", equalTo(code))
                        .body("package_ids", hasSize(0));
            }
        }
        unlock(event, donor, "NOW").statusCode(200).body("package_ids", contains(hidden.toString()));
        // Only the guesses counted: the 20th is still judged, then the limit holds.
        unlock(event, donor, "GUESS19").statusCode(200).body("package_ids", hasSize(0));
        assertRateLimited(unlock(event, donor, "NOW"));
    }

    @Test
    void unlocksNothingForAnUnknownCodeAndCountsItAsAFailedGuess() {
        vip(Map.of());
        createCode(UUID.randomUUID(), Map.of("code", "ELSEWHERE", "discount_type", "none"));
        unlock(event, donor, "nope").statusCode(200).body("code", equalTo("NOPE")).body("package_ids", hasSize(0));
        unlock(event, donor, "ELSEWHERE").statusCode(200).body("package_ids", hasSize(0));
        // Malformed or too long, it is still a guess, answered as sent.
        String tooLong = "A".repeat(51);
        unlock(event, donor, "x!").statusCode(200).body("code", equalTo("x!")).body("package_ids", hasSize(0));
        unlock(event, donor, tooLong).statusCode(200).body("code", equalTo(tooLong));
        unlock(event, donor, "straße").statusCode(200).body("code", equalTo("straße"));
        // The same budget as validate and redeem: 5 guesses here, 15 failed validations, then nothing is judged.
        for (int i = 0; i < 15; i++) {
            validate(event, donor, "WRONG" + i, null, null).statusCode(404);
        }
        assertRateLimited(unlock(event, donor, "VIP"));
        assertRateLimited(validate(event, donor, "VIP", null, null));
        unlock(event, UUID.randomUUID(), "VIP").statusCode(200).body("package_ids", hasSize(2));
    }

    @Test
    void judgesAtMostTheBudgetOfUnknownCodesArrivingAtOnce() throws Exception {
        vip(Map.of());
        List<Supplier<ValidatableResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String guess = "GUESS" + i;
            requests.add(() -> unlock(event, donor, guess));
        }
        List<Response> answers = allAtOnce(requests);
        long judged = countStatus(answers, 200);
        assertThat(judged + countStatus(answers, 429)).as("only 200 and 429").isEqualTo(40);
        assertThat(judged).as("unknown codes judged").isEqualTo(20);
        answers.stream().filter(answer -> answer.statusCode() == 200)
                .forEach(answer -> assertThat(answer.jsonPath().getList("package_ids")).isEmpty());
        answers.stream().filter(answer -> answer.statusCode() == 429)
                .forEach(answer -> assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*"));
        // The donor's real code is refused too, here and on validate and redeem; another donor's is not.
        assertRateLimited(unlock(event, donor, "VIP"));
        assertRateLimited(validate(event, donor, "VIP", null, null));
        assertRateLimited(redeem(event, UUID.randomUUID(), donor, "VIP", hidden, "500.00"));
        unlock(event, UUID.randomUUID(), "VIP").statusCode(200).body("package_ids", hasSize(2));
    }

    @Test
    void givesTheSlotOfAKnownCodeBack() {
        vip(Map.of());
        for (int i = 0; i < 19; i++) {
            unlock(event, donor, "GUESS" + i).statusCode(200);
        }
        for (int i = 0; i < 30; i++) {
            unlock(event, donor, "VIP").statusCode(200).body("package_ids", hasSize(2));
        }
        unlock(event, donor, "GUESS19").statusCode(200).body("package_ids", hasSize(0));
        assertRateLimited(unlock(event, donor, "VIP"));
    }

    @Test
    void seesAChangeOfWhatACodeUnlocksAtOnceDespiteTheCache() {
        UUID id = vip(Map.of());
        unlock(event, donor, "VIP").statusCode(200).body("package_ids", hasSize(2));
        String key = "promo:" + event + ":VIP";
        assertThat(redis.value(String.class).get(key)).contains("\"unlocks_package_ids\":[\"" + hidden);
        var admin = given().auth().oauth2(Tokens.coordinator(event)).contentType(ContentType.JSON);
        admin.body(Map.of("unlocks_package_ids", List.of(alsoHidden.toString()))).patch(adminPath(event) + "/" + id)
                .then().statusCode(200);
        unlock(event, donor, "VIP").statusCode(200).body("package_ids", contains(alsoHidden.toString()));
        assertThat(redis.value(String.class).get(key)).contains("\"unlocks_package_ids\":[\"" + alsoHidden + "\"]");
        given().auth().oauth2(Tokens.coordinator(event)).contentType(ContentType.JSON)
                .body(Map.of("is_active", false)).patch(adminPath(event) + "/" + id).then().statusCode(200);
        unlock(event, donor, "VIP").statusCode(200).body("package_ids", hasSize(0));
    }

    @Test
    void readsPastACachedDefinitionWrittenBeforeCodesCouldUnlock() {
        UUID id = vip(Map.of());
        // What a replica of the previous version caches: the definition without unlocks_package_ids.
        redis.value(String.class).setex("promo:" + event + ":VIP", 60, "{\"id\":\"" + id + "\",\"event_id\":\""
                + event + "\",\"code\":\"VIP\",\"discount_type\":\"none\",\"discount_value\":0.00,"
                + "\"max_total_uses\":null,\"max_uses_per_donor\":null,\"valid_from\":null,\"expires_at\":null,"
                + "\"is_active\":true,\"package_ids\":[]}");
        unlock(event, donor, "VIP").statusCode(200).body("package_ids", hasSize(2));
        validate(event, donor, "VIP", hidden, 1).statusCode(200);
    }

    @Test
    void refusesBadBodies() {
        var service = given().auth().oauth2(serviceToken()).contentType(ContentType.JSON);
        service.body("{}").post("/internal/v1/unlocks").then().statusCode(422)
                .body("code", equalTo("validation_failed"))
                .body("errors.field", containsInAnyOrder("event_id", "donor_id", "code"));
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body("{\"event_id\":\"not-a-uuid\",\"donor_id\":\"" + donor + "\",\"code\":\"VIP\"}")
                .post("/internal/v1/unlocks").then().statusCode(400).body("code", equalTo("malformed_json"));
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body("{\"event_id\":\"" + event + "\",\"donor_id\":\"" + donor + "\",\"code\":\"VIP\",\"x\":1}")
                .post("/internal/v1/unlocks").then().statusCode(400).body("code", equalTo("unknown_field"));
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body("[")
                .post("/internal/v1/unlocks").then().statusCode(400).body("code", equalTo("malformed_json"));
    }

    @Test
    void isDocumentedInTheOpenApiDocument() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/internal/v1/unlocks'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "400", "401", "403", "422", "429"))
                .body("paths.'/internal/v1/unlocks'.post.responses.'429'.headers.keySet()",
                        org.hamcrest.Matchers.hasItem("Retry-After"))
                .body("components.schemas.UnlockRequest.properties.keySet()",
                        containsInAnyOrder("event_id", "donor_id", "code"))
                .body("components.schemas.Unlocks.properties.keySet()", containsInAnyOrder("code", "package_ids"));
    }

    @Test
    void letsOnlyServicesAsk() {
        String body = "{\"event_id\":\"" + event + "\",\"donor_id\":\"" + donor + "\",\"code\":\"VIP\"}";
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/unlocks").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        for (String token : List.of(Tokens.donor(donor), Tokens.coordinator(event), Tokens.superAdmin())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/internal/v1/unlocks").then()
                    .statusCode(403).body("code", equalTo("forbidden"));
        }
    }
}
