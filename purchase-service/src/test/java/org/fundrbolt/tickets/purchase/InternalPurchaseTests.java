package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** promo-service asks the owner of purchases whether one was committed before it releases a use. */
@QuarkusTest
class InternalPurchaseTests extends SaleFixture {

    private final String service = Tokens.token(UUID.randomUUID(), Set.of("service"), List.of());

    @Test
    void answersWhetherAPurchaseWasCommitted() {
        UUID packageId = packageOnSale("10.00", 10, null);
        String purchaseId = buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(201).extract()
                .path("id");
        given().auth().oauth2(service).get("/internal/v1/purchases/" + purchaseId).then().statusCode(200)
                .body("committed", equalTo(true));
        given().auth().oauth2(service).get("/internal/v1/purchases/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("purchase_not_found"));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get("/internal/v1/purchases/" + purchaseId).then()
                .statusCode(403);
        given().get("/internal/v1/purchases/" + purchaseId).then().statusCode(401);
    }
}
