package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.fundrbolt.tickets.promo.PromoFixtures.adminPath;
import static org.fundrbolt.tickets.promo.PromoFixtures.allAtOnce;
import static org.fundrbolt.tickets.promo.PromoFixtures.assertAtMostTheBudgetJudged;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.knownPackage;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.fundrbolt.tickets.promo.PromoFixtures.validatePath;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class PromoValidationTests {

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    private final UUID event = UUID.randomUUID();
    private final UUID donor = UUID.randomUUID();

    @Test
    void pricesTwentyPercentOfTwoTicketsAtTwelveHundred() {
        UUID pkg = UUID.randomUUID();
        knownPackage(pool, pkg, event, "1200.00");
        createCode(event, Map.of("code", "GALA20", "discount_type", "percentage", "discount_value", 20));
        String body = validate(event, donor, "gala20", pkg, 2).statusCode(200)
                .body("valid", equalTo(true)).body("code", equalTo("GALA20"))
                .body("discount_type", equalTo("percentage")).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).contains("\"discount_amount\":480.00")
                .contains("\"discount_value\":20.00");
        validate(event, donor, "GALA20", null, null).statusCode(200).body("$", not(hasKey("discount_amount")));
    }

    @Test
    void capsAFixedAmountAtTheBasePrice() {
        UUID pkg = UUID.randomUUID();
        knownPackage(pool, pkg, event, "30.00");
        createCode(event, Map.of("code", "FIFTY", "discount_type", "fixed_amount", "discount_value", 50));
        validate(event, donor, "FIFTY", pkg, 1).statusCode(200).body("discount_amount", equalTo(30.00f));
        validate(event, donor, "FIFTY", pkg, 2).statusCode(200).body("discount_amount", equalTo(50.00f));
    }

    @Test
    void answersNotFoundForAnUnknownCodeOrAnotherEventsCode() {
        createCode(UUID.randomUUID(),
                Map.of("code", "ELSEWHERE", "discount_type", "fixed_amount", "discount_value", 5));
        validate(event, donor, "ELSEWHERE", null, null).statusCode(404).body("code", equalTo("promo_code_not_found"));
        validate(event, donor, "NO-SUCH-CODE", null, null).statusCode(404).body("code",
                equalTo("promo_code_not_found"));
        validate(event, donor, "x", null, null).statusCode(404).body("code", equalTo("promo_code_not_found"));
    }

    @Test
    void answersExpiredForExpiredNotYetValidAndInactiveCodes() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        createCode(event, Map.of("code", "PAST", "discount_type", "fixed_amount", "discount_value", 5,
                "valid_from", now.minus(2, ChronoUnit.DAYS).toString(), "expires_at",
                now.minus(1, ChronoUnit.DAYS).toString()));
        createCode(event, Map.of("code", "FUTURE", "discount_type", "fixed_amount", "discount_value", 5,
                "valid_from", now.plus(1, ChronoUnit.DAYS).toString()));
        createCode(event,
                Map.of("code", "OFF", "discount_type", "fixed_amount", "discount_value", 5, "is_active", false));
        for (String code : List.of("PAST", "FUTURE", "OFF")) {
            validate(event, donor, code, null, null).statusCode(410).body("code", equalTo("promo_code_expired"));
        }
    }

    @Test
    void answersExhaustedForTheTotalAndThePerDonorLimit() {
        UUID pkg = UUID.randomUUID();
        createCode(event,
                Map.of("code", "ONCE", "discount_type", "fixed_amount", "discount_value", 5, "max_total_uses", 1));
        createCode(event,
                Map.of("code", "EACH", "discount_type", "fixed_amount", "discount_value", 5, "max_uses_per_donor", 1));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "ONCE", pkg, "20.00").statusCode(201);
        redeem(event, UUID.randomUUID(), donor, "EACH", pkg, "20.00").statusCode(201);
        validate(event, donor, "ONCE", null, null).statusCode(409).body("code", equalTo("promo_code_exhausted"));
        validate(event, donor, "EACH", null, null).statusCode(409).body("code", equalTo("promo_code_exhausted"));
        validate(event, UUID.randomUUID(), "EACH", null, null).statusCode(200);
    }

    @Test
    void answersNotApplicableOutsideTheScopeOrForAnotherEventsPackage() {
        UUID inScope = UUID.randomUUID();
        UUID outOfScope = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        knownPackage(pool, inScope, event, "10.00");
        knownPackage(pool, outOfScope, event, "10.00");
        knownPackage(pool, foreign, UUID.randomUUID(), "10.00");
        createCode(event, Map.of("code", "SCOPED", "discount_type", "fixed_amount", "discount_value", 5,
                "package_ids", List.of(inScope.toString())));
        createCode(event, Map.of("code", "ANY", "discount_type", "fixed_amount", "discount_value", 5));
        validate(event, donor, "SCOPED", inScope, 1).statusCode(200);
        validate(event, donor, "SCOPED", outOfScope, 1).statusCode(422).body("code",
                equalTo("promo_code_not_applicable"));
        validate(event, donor, "ANY", foreign, 1).statusCode(422).body("code", equalTo("promo_code_not_applicable"));
        validate(event, donor, "ANY", UUID.randomUUID(), 1).statusCode(422).body("code",
                equalTo("promo_code_not_applicable"));
    }

    @Test
    void refusesAQuantityOutsideOneToAHundred() {
        createCode(event, Map.of("code", "QTY", "discount_type", "fixed_amount", "discount_value", 5));
        for (Object quantity : List.of(0, 101, "two")) {
            validate(event, donor, "QTY", UUID.randomUUID(), quantity).statusCode(422)
                    .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("quantity"));
        }
    }

    @Test
    void seesAnEditAtOnceDespiteTheCache() {
        UUID id = createCode(event, Map.of("code", "EDITED", "discount_type", "percentage", "discount_value", 10));
        validate(event, donor, "EDITED", null, null).statusCode(200).body("discount_value", equalTo(10.00f));
        org.assertj.core.api.Assertions.assertThat(redis.value(String.class).get("promo:" + event + ":EDITED"))
                .contains("\"discount_value\"").doesNotContain("current_uses");
        given().auth().oauth2(Tokens.coordinator(event)).contentType(ContentType.JSON)
                .body(Map.of("discount_value", 25)).patch(adminPath(event) + "/" + id).then().statusCode(200);
        validate(event, donor, "EDITED", null, null).statusCode(200).body("discount_value", equalTo(25.00f));
        given().auth().oauth2(Tokens.coordinator(event)).contentType(ContentType.JSON)
                .body(Map.of("is_active", false)).patch(adminPath(event) + "/" + id).then().statusCode(200);
        validate(event, donor, "EDITED", null, null).statusCode(410);
        given().auth().oauth2(Tokens.coordinator(event)).delete(adminPath(event) + "/" + id).then().statusCode(204);
        validate(event, donor, "EDITED", null, null).statusCode(404);
    }

    @Test
    void limitsADonorWhoGuessesTooOften() {
        createCode(event, Map.of("code", "REAL", "discount_type", "fixed_amount", "discount_value", 5));
        for (int i = 0; i < 20; i++) {
            validate(event, donor, "GUESS" + i, null, null).statusCode(404);
        }
        validate(event, donor, "REAL", null, null).statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        validate(event, UUID.randomUUID(), "REAL", null, null).statusCode(200);
    }

    @Test
    void judgesNoMoreGuessesThanTheBudgetWhenTheyArriveAtOnce() throws Exception {
        createCode(event, Map.of("code", "REAL", "discount_type", "fixed_amount", "discount_value", 5));
        List<Supplier<ValidatableResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            String guess = "GUESS" + i;
            requests.add(() -> validate(event, donor, guess, null, null));
        }
        int real = 20;
        requests.add(real, () -> validate(event, donor, "REAL", null, null));
        assertAtMostTheBudgetJudged(allAtOnce(requests), real, 200);
        validate(event, donor, "REAL", null, null).statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        validate(event, UUID.randomUUID(), "REAL", null, null).statusCode(200);
    }

    @Test
    void givesTheSlotOfASuccessBack() {
        createCode(event, Map.of("code", "REAL", "discount_type", "fixed_amount", "discount_value", 5));
        for (int i = 0; i < 19; i++) {
            validate(event, donor, "GUESS" + i, null, null).statusCode(404);
        }
        for (int i = 0; i < 30; i++) {
            validate(event, donor, "REAL", null, null).statusCode(200);
        }
        // The successes used none of the budget: the 20th failure is still judged, and only then the limit holds.
        validate(event, donor, "GUESS19", null, null).statusCode(404);
        validate(event, donor, "REAL", null, null).statusCode(429);
    }

    @Test
    void letsOnlyDonorsValidate() {
        given().get(validatePath(event, "ANY")).then().statusCode(401).body("code", equalTo("unauthenticated"));
        given().auth().oauth2(Tokens.coordinator(event)).get(validatePath(event, "ANY")).then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }
}
