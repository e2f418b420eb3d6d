package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole stack is up: the gateway answers and routes, and every service is ready. */
class StackReadyTests {

    static final String GATEWAY = System.getProperty("gateway.url", "http://localhost:8080");

    /** Operations are on each service's management port: its API port + 1000 (API.md, Operations). */
    @ParameterizedTest
    @ValueSource(ints = {8080, 8081, 8082, 8083, 8084})
    void everyServiceIsReadyOnItsManagementPort(int port) {
        given().get("http://127.0.0.1:" + (port + 1000) + "/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().get("http://127.0.0.1:" + (port + 1000) + "/q/metrics").then().statusCode(200);
    }

    @Test
    void aProxiedAnswerHasOneRequestIdAndALocationOnTheGateway() {
        UUID event = UUID.randomUUID();
        io.restassured.response.Response created = given().auth().oauth2(SystemTokens.coordinator(event))
                .contentType("application/json").body(java.util.Map.of("name", "Located", "price", 10))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages");
        created.then().statusCode(201);
        org.assertj.core.api.Assertions.assertThat(created.headers().getValues("X-Request-Id")).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(created.header("Location"))
                .startsWith("/api/v1/admin/events/" + event + "/tickets/packages/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/", "/api/v1/tickets/signing-keys", "/images/nothing/none.png"})
    void theGatewaySendsBrowserSecurityHeaders(String path) {
        given().get(GATEWAY + path).then().header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer")).header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready"})
    void theGatewayServesNoOperations(String path) {
        given().urlEncodingEnabled(false).get(GATEWAY + path).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
    }

    /** Dot segments, plain or encoded, are refused before routing: no odd spelling reaches /q/*. */
    @ParameterizedTest
    @ValueSource(strings = {"/images/../q/metrics", "/images/%2e%2e/q/metrics"})
    void theGatewayRefusesPathsThatClimbOutOfTheirRoute(String path) {
        given().urlEncodingEnabled(false).get(GATEWAY + path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_path"));
    }

    @Test
    void gatewayRoutesAnAdminCallToTheCatalog() {
        UUID event = UUID.randomUUID();
        given().auth().oauth2(SystemTokens.coordinator(event))
                .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages")
                .then().statusCode(200).header("X-Request-Id", notNullValue());
    }

    @Test
    void gatewayRefusesAnAdminCallWithoutToken() {
        given().get(GATEWAY + "/api/v1/admin/events/" + UUID.randomUUID() + "/promo-codes")
                .then().statusCode(401).body("code", equalTo("unauthenticated"));
    }
}
