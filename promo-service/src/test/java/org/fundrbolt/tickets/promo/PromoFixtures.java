package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.fundrbolt.tickets.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Shared steps of the promo tests: codes through the API, packages and usage straight from the database. */
final class PromoFixtures {

    private PromoFixtures() {
    }

    static String adminPath(UUID event) {
        return "/api/v1/admin/events/" + event + "/promo-codes";
    }

    static String validatePath(UUID event, String code) {
        return "/api/v1/events/" + event + "/promo-codes/" + code + "/validate";
    }

    static String serviceToken() {
        return Tokens.token(UUID.randomUUID(), Set.of("service"), List.of());
    }

    /** Creates a code through the admin API and returns its id. */
    static UUID createCode(UUID event, Map<String, Object> body) {
        String id = given().auth().oauth2(Tokens.coordinator(event)).contentType(ContentType.JSON).body(body)
                .post(adminPath(event)).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static ValidatableResponse validate(UUID event, UUID donor, String code, Object packageId, Object quantity) {
        var request = given().auth().oauth2(Tokens.donor(donor));
        if (packageId != null) {
            request.queryParam("package_id", packageId);
        }
        if (quantity != null) {
            request.queryParam("quantity", quantity);
        }
        return request.get(validatePath(event, code)).then();
    }

    static ValidatableResponse redeem(UUID event, UUID purchase, UUID donor, String code, UUID packageId,
            String basePrice) {
        Map<String, Object> body = Map.of("purchase_id", purchase.toString(), "event_id", event.toString(),
                "donor_id", donor.toString(), "code", code, "package_id", packageId.toString(), "quantity", 1,
                "base_price", new BigDecimal(basePrice));
        return given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/redemptions").then();
    }

    static ValidatableResponse unlock(UUID event, UUID donor, String code) {
        Map<String, Object> body = Map.of("event_id", event.toString(), "donor_id", donor.toString(), "code", code);
        return given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/unlocks").then();
    }

    /** Sends every request at once, one thread each behind a start barrier; the answers in the same order. */
    static List<Response> allAtOnce(List<Supplier<ValidatableResponse>> requests) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (Supplier<ValidatableResponse> request : requests) {
                answers.add(executor.submit(() -> {
                    start.await();
                    return request.get().extract().response();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            executor.shutdownNow();
        }
    }

    static long countStatus(List<Response> responses, int status) {
        return responses.stream().filter(response -> response.statusCode() == status).count();
    }

    /**
     * The budget held against a burst of wrong codes (404) from one donor with the real code at {@code real}:
     * at most 20 wrong ones judged, every other attempt refused with 429, except the real code when it was
     * judged ({@code success}) and gave its slot back. Returns whether it was.
     */
    static boolean assertAtMostTheBudgetJudged(List<Response> answers, int real, int success) {
        long wrongJudged = countStatus(answers, 404);
        long limited = countStatus(answers, 429);
        boolean realJudged = answers.get(real).statusCode() == success;
        assertThat(wrongJudged + limited + (realJudged ? 1 : 0)).as("only 404, 429 and the real code's " + success)
                .isEqualTo(answers.size());
        assertThat(wrongJudged).isBetween(19L, 20L);
        assertThat(answers.size() - limited).isLessThanOrEqualTo(realJudged ? 21 : 20);
        return realJudged;
    }

    static void knownPackage(Pool pool, UUID packageId, UUID event, String price) {
        pool.preparedQuery("INSERT INTO known_packages (package_id, event_id, price, deleted, version) "
                + "VALUES ($1, $2, $3, false, 1)").execute(Tuple.of(packageId, event, new BigDecimal(price)))
                .await().indefinitely();
    }

    static int currentUses(Pool pool, UUID promoId) {
        Row row = pool.preparedQuery("SELECT current_uses FROM promo_codes WHERE id = $1").execute(Tuple.of(promoId))
                .await().indefinitely().iterator().next();
        return row.getInteger("current_uses");
    }

    static String applicationStatus(Pool pool, UUID purchaseId) {
        var rows = pool.preparedQuery("SELECT status FROM promo_code_applications WHERE purchase_id = $1")
                .execute(Tuple.of(purchaseId)).await().indefinitely();
        return rows.rowCount() == 0 ? null : rows.iterator().next().getString("status");
    }

    static long count(Pool pool, String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next()
                .getLong(0);
    }
}
