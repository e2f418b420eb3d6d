package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * ARCHITECTURE.md, "Idempotency claims first": concurrent repeats of one Idempotency-Key are one purchase
 * with one promo use, even with a code the donor may use only once. Run again among the drills on two instances of
 * every service ({@code stack test}), where the repeats reach both purchase-service instances through both gateways.
 */
class IdempotencySystemTests {

    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    @Test
    void tenConcurrentRepeatsOfOneKeyWithAOncePerDonorCodeAreOnePurchaseAndOneUse() throws Exception {
        String packageId = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Repeat seats", "price", new BigDecimal("50.00"), "quantity_limit", 100))
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("code", "ONCE", "discount_type", "percentage", "discount_value", 10,
                        "max_uses_per_donor", 1))
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
        UUID donor = UUID.randomUUID();
        Await.until("the package on sale with the code", Duration.ofSeconds(15),
                () -> given().auth().oauth2(SystemTokens.donor(UUID.randomUUID()))
                        .get(Gateways.next() + "/api/v1/events/" + event + "/promo-codes/ONCE/validate?package_id="
                                + packageId + "&quantity=1")
                        .statusCode() == 200
                        && StackControl.query("purchase", "select count(*) from inventory where enabled and "
                                + "package_id = '" + packageId + "'") == 1);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                        .header("Idempotency-Key", "order-1")
                        .body(Map.of("package_id", packageId, "quantity", 1, "promo_code", "ONCE"))
                        .post(Gateways.next() + "/api/v1/events/" + event + "/tickets/purchase");
            }));
        }
        start.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            ids.add(response.jsonPath().getString("id"));
        }
        pool.shutdown();

        assertThat(ids).as("one purchase").containsOnly(ids.get(0));
        assertThat(StackControl.query("purchase", "select count(*) from purchases where donor_id = '" + donor + "'"))
                .isEqualTo(1);
        assertThat(StackControl.query("promo", "select current_uses from promo_codes where event_id = '" + event
                + "'")).as("one use").isEqualTo(1);
        assertThat(StackControl.query("promo", "select count(*) from promo_code_applications where event_id = '"
                + event + "' and status <> 'released'")).isEqualTo(1);
    }
}
