package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

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
