package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The gateway's per-donor limits of API.md (checkout 30/min, promo validation 60/min) through the running stack,
 * against bursts of simultaneous requests: what passes the limiter never exceeds the limit.
 */
class RateLimitSystemTests {

    private static final String GATEWAY = StackReadyTests.GATEWAY;
    private static final int CHECKOUT_LIMIT = 30;
    private static final int VALIDATE_LIMIT = 60;

    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    @Test
    void sellsNoMoreThanTheCheckoutLimitToOneDonorFiringAtOnce() throws Exception {
        String packageId = createPackage(500);
        // the package reaches purchase-service through Kafka; each probe is a donor of its own
        Await.until("the package on sale", Duration.ofSeconds(10), () -> given()
                .auth().oauth2(SystemTokens.donor(UUID.randomUUID())).contentType("application/json")
                .body(Map.of("package_id", packageId, "quantity", 1))
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase").statusCode() == 201);
        UUID donor = UUID.randomUUID();
        String token = SystemTokens.donor(donor);

        List<Integer> statuses = atOnce(45, purchase(token, packageId));

        long sold = statuses.stream().filter(status -> status == 201).count();
        assertThat(statuses).as("statuses %s", tally(statuses)).allMatch(status -> status == 201 || status == 429);
        assertThat(sold).as("sold, %s", tally(statuses)).isBetween(1L, (long) CHECKOUT_LIMIT);
        int recorded = given().auth().oauth2(token).get(GATEWAY + "/api/v1/me/tickets/purchases").then()
                .statusCode(200).extract().path("purchases.size()");
        assertThat(recorded).isEqualTo((int) sold);
    }

    @Test
    void validatesNoMoreThanTheValidationLimitForOneDonorFiringAtOnce() throws Exception {
        String packageId = createPackage(10);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("code", "BURST10", "discount_type", "percentage", "discount_value", 10))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
        String validate = GATEWAY + "/api/v1/events/" + event + "/promo-codes/BURST10/validate?package_id=" + packageId
                + "&quantity=1";
        Await.until("the package known to promo-service", Duration.ofSeconds(10), () -> given()
                .auth().oauth2(SystemTokens.donor(UUID.randomUUID())).get(validate).statusCode() == 200);
        String token = SystemTokens.donor(UUID.randomUUID());

        List<Integer> statuses = atOnce(80, () -> HttpRequest.newBuilder(URI.create(validate))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build());

        assertThat(statuses).as("statuses %s", tally(statuses)).allMatch(status -> status == 200 || status == 429);
        assertThat(statuses.stream().filter(status -> status != 429).count()).as("validated, %s", tally(statuses))
                .isBetween(1L, (long) VALIDATE_LIMIT);
    }

    private String createPackage(int quantityLimit) {
        return given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Burst seats", "price", new BigDecimal("5.00"), "quantity_limit", quantityLimit))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
    }

    private Supplier<HttpRequest> purchase(String token, String packageId) {
        return () -> HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"package_id\":\"" + packageId + "\",\"quantity\":1}"))
                .build();
    }

    /** Sends {@code count} requests behind one start barrier, each on a thread of its own; their statuses. */
    private static List<Integer> atOnce(int count, Supplier<HttpRequest> request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HttpRequest prepared = request.get();
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.send(prepared, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Long> tally(List<Integer> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
    }
}
