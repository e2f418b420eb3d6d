package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FoundationTests {

    private final UUID event = UUID.randomUUID();
    private String packagesPath() {
        return "/api/v1/admin/events/" + event + "/promo-codes";
    }

    @Test
    void isReadyAgainstRealDependencies() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void refusesAdminPathWithoutToken() {
        given().get(packagesPath()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void refusesForgedOrExpiredToken() {
        given().auth().oauth2("not.a.jwt").get(packagesPath()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        String expired = Tokens.token(UUID.randomUUID(), java.util.Set.of("super_admin"), java.util.List.of(), -60);
        given().auth().oauth2(expired).get(packagesPath()).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void recognisesAVerifiedTokenUntilItExpiresAndNeverAForgedOne() throws Exception {
        String token = Tokens.token(UUID.randomUUID(), java.util.Set.of("super_admin"), java.util.List.of(), 3);
        given().auth().oauth2(token).get(packagesPath()).then().statusCode(200);
        double before = cacheHits();
        given().auth().oauth2(token).get(packagesPath()).then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(cacheHits()).isEqualTo(before + 1);
        // The same claims under another signature are verified, and refused, every time.
        int dot = token.lastIndexOf('.');
        String forged = token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? 'B' : 'A') + token.substring(dot + 2);
        given().auth().oauth2(forged).get(packagesPath()).then().statusCode(401);
        given().auth().oauth2(forged).get(packagesPath()).then().statusCode(401);
        org.assertj.core.api.Assertions.assertThat(cacheHits()).isEqualTo(before + 1);
        Thread.sleep(4_000);
        // Expired: the cache no longer answers for it, whatever the parser's clock-skew allowance decides.
        given().auth().oauth2(token).get(packagesPath());
        org.assertj.core.api.Assertions.assertThat(cacheHits()).isEqualTo(before + 1);
    }

    private static double cacheHits() {
        var counter = Metrics.globalRegistry.find("jwt_verified_cache_hits").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void refusesAdminPathToDonor() {
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get(packagesPath()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCoordinatorOfAnotherEvent() {
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())).get(packagesPath()).then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void servesCoordinatorOfTheEvent() {
        given().auth().oauth2(Tokens.coordinator(event)).get(packagesPath()).then().statusCode(200);
    }

    @Test
    void echoesRequestId() {
        given().header("X-Request-Id", "abc-123").get("/q/health/live").then()
                .header("X-Request-Id", equalTo("abc-123"));
    }

    @Test
    void answersUnknownPathWithProblem() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
    }
}
