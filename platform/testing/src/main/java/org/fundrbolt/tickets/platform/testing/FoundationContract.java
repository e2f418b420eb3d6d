package org.fundrbolt.tickets.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The behaviour every service shares (API.md, "Conventions" and "Authentication"): readiness against
 * real dependencies, 401/403 problems, request ids, problem+json for unknown paths and wrong methods.
 * A service's {@code FoundationTests} extends it with {@code @QuarkusTest} and names one admin call.
 */
public abstract class FoundationContract {

    protected final UUID event = UUID.randomUUID();

    /** One admin call of this service on {@code event}, e.g. {@code request.get(path)}. */
    protected abstract ValidatableResponse adminCall(RequestSpecification request, UUID event);

    /** What {@link #adminCall} answers a coordinator of the event (200, or the resource's 404). */
    protected abstract void assertCoordinatorServed(ValidatableResponse answer);

    @Test
    void isReadyAgainstRealDependencies() {
        given().get(Operations.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(Operations.url("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesOperationsOnlyOnTheManagementPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("not_found"));
        }
        given().get(Operations.url("/q/metrics")).then().statusCode(200);
    }

    @Test
    void refusesAdminPathWithoutToken() {
        adminCall(given(), event).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"))
                .body("title", equalTo("Authentication required"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void refusesForgedOrExpiredToken() {
        adminCall(given().auth().oauth2("not.a.jwt"), event).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        String expired = Tokens.token(UUID.randomUUID(), Set.of("super_admin"), List.of(), -60);
        adminCall(given().auth().oauth2(expired), event).statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void refusesAdminPathToDonor() {
        adminCall(given().auth().oauth2(Tokens.donor(UUID.randomUUID())), event).statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCoordinatorOfAnotherEvent() {
        adminCall(given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())), event).statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void servesCoordinatorOfTheEvent() {
        assertCoordinatorServed(adminCall(given().auth().oauth2(Tokens.coordinator(event)), event));
    }

    @Test
    void echoesRequestId() {
        given().header("X-Request-Id", "abc-123").get("/api/v1/nothing-here").then()
                .header("X-Request-Id", equalTo("abc-123"));
    }

    @Test
    void answersUnknownPathWithProblem() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"))
                .body("title", equalTo("Not found"));
    }

    @Test
    void answersEveryProblemWithATitleOfItsOwn() {
        given().get("/api/v1/nothing-here").then().body("title", not(equalTo("Error")))
                .body("type", equalTo("https://docs.fundrbolt.org/problems/not-found"));
    }
}
