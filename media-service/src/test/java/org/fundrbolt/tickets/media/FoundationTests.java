package org.fundrbolt.tickets.media;

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
        return "/api/v1/admin/events/" + event + "/tickets/packages/" + UUID.randomUUID() + "/image";
    }

    @Test
    void isReadyAgainstRealDependencies() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void refusesAdminPathWithoutToken() {
        given().delete(packagesPath()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void refusesForgedOrExpiredToken() {
        given().auth().oauth2("not.a.jwt").delete(packagesPath()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        String expired = Tokens.token(UUID.randomUUID(), java.util.Set.of("super_admin"), java.util.List.of(), -60);
        given().auth().oauth2(expired).delete(packagesPath()).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void refusesAdminPathToDonor() {
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).delete(packagesPath()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCoordinatorOfAnotherEvent() {
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())).delete(packagesPath()).then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void answersUnknownPackageToCoordinator() {
        given().auth().oauth2(Tokens.coordinator(event)).delete(packagesPath()).then().statusCode(404).body("code", equalTo("package_not_found"));
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
