package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    @Test
    void answersEachPackagesCumulativeFiguresForTheCatalogsReconciliation() throws Exception {
        UUID packageId = packageOnSale("12.50", 10, null);
        UUID other = packageOnSale("4.00", null, null);
        // Buyers at once, several per claim: the row's figures must add up to exactly the purchases written.
        concurrently(20, i -> buy(UUID.randomUUID(), i % 2 == 0 ? packageId : other, 1 + i % 3, null, null)
                .statusCode());
        var truth = pool.preparedQuery("SELECT package_id, sum(quantity) AS sold, sum(quantity * seats_per_package) "
                + "AS tickets, sum(total_price) AS revenue FROM purchases WHERE package_id IN ($1, $2) GROUP BY package_id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(packageId, other)).await().atMost(Duration.ofSeconds(5));
        Map<String, Map<String, Object>> figures = new java.util.HashMap<>();
        String after = null;
        String afterPackage = null;
        do {
            var request = given().auth().oauth2(service).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("updated_after", after).queryParam("after_package", afterPackage);
            }
            var page = request.get("/internal/v1/inventory").then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> row : page.<Map<String, Object>>getList("figures")) {
                figures.put((String) row.get("package_id"), row);
            }
            after = page.getString("next.updated_after");
            afterPackage = page.getString("next.after_package");
        } while (after != null);
        int checked = 0;
        for (var row : truth) {
            Map<String, Object> answer = figures.get(row.getUUID("package_id").toString());
            assertThat(answer).as("every package on one of the pages").isNotNull();
            assertThat(((Number) answer.get("sold_count")).longValue()).isEqualTo(row.getLong("sold"));
            assertThat(((Number) answer.get("tickets_after")).longValue()).isEqualTo(row.getLong("tickets"));
            assertThat(new java.math.BigDecimal(answer.get("revenue_after").toString()))
                    .isEqualByComparingTo(row.getBigDecimal("revenue"));
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        given().auth().oauth2(service).queryParam("limit", 0).get("/internal/v1/inventory").then().statusCode(422);
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get("/internal/v1/inventory").then().statusCode(403);
    }
}
