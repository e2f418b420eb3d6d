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

    @ParameterizedTest
    @ValueSource(ints = {8080, 8081, 8082, 8083, 8084})
    void everyServiceIsReady(int port) {
        given().get("http://127.0.0.1:" + port + "/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
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
