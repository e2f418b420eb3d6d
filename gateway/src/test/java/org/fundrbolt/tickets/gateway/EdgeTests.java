package org.fundrbolt.tickets.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EdgeTests {

    private final UUID event = UUID.randomUUID();

    private String adminPackages() {
        return "/api/v1/admin/events/" + event + "/tickets/packages";
    }

    @Test
    void isReadyWithRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void refusesAdminPathWithoutToken() {
        given().get(adminPackages()).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated")).header("X-Request-Id", notNullValue());
    }

    @Test
    void refusesAdminPathWithGarbageToken() {
        given().auth().oauth2("not.a.jwt").get(adminPackages()).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void refusesAdminPathToDonor() {
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get(adminPackages()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCoordinatorOfAnotherEvent() {
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())).get(adminPackages()).then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCheckoutToCoordinator() {
        given().auth().oauth2(Tokens.coordinator(event)).contentType("application/json").body("{}")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void neverRoutesInternalPaths() {
        given().auth().oauth2(Tokens.superAdmin()).post("/internal/v1/redemptions").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
    }

    @Test
    void answersUnknownApiPath() {
        given().get("/api/v1/unknown").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void answersServiceDownWith503Problem() {
        given().auth().oauth2(Tokens.coordinator(event)).get(adminPackages()).then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("dependency_unavailable"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void echoesRequestId() {
        given().header("X-Request-Id", "trace-42").get("/api/v1/unknown").then()
                .header("X-Request-Id", equalTo("trace-42"));
    }
}
