package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.allAtOnce;
import static org.fundrbolt.tickets.promo.PromoFixtures.applicationStatus;
import static org.fundrbolt.tickets.promo.PromoFixtures.assertAtMostTheBudgetJudged;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.currentUses;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.serviceToken;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
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

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.fundrbolt.tickets.promo.service.Reconciler;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(FakePurchase.class)
class RedemptionTests {

    @Inject
    Pool pool;

    @Inject
    Reconciler reconciler;

    @TestHTTPResource("/internal/v1/redemptions")
    URL redemptions;

    private final UUID event = UUID.randomUUID();
    private final UUID pkg = UUID.randomUUID();

    /** Fires all bodies at once behind a start barrier and returns the status codes. */
    private List<Integer> redeemAllAtOnce(List<String> bodies) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = serviceToken();
        ExecutorService executor = Executors.newFixedThreadPool(bodies.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String body : bodies) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(redemptions.toString()))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(executor.submit(() -> {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            executor.shutdownNow();
        }
    }

    private String body(UUID purchase, UUID donor, String code) {
        return "{\"purchase_id\":\"" + purchase + "\",\"event_id\":\"" + event + "\",\"donor_id\":\"" + donor
                + "\",\"code\":\"" + code + "\",\"package_id\":\"" + pkg + "\",\"quantity\":1,\"base_price\":100.00}";
    }

    @Test
    void concurrentRepeatsOfOnePurchaseShareOneUse() throws Exception {
        UUID promo = createCode(event, Map.of("code", "ONEEACH", "discount_type", "percentage", "discount_value", 10,
                "max_uses_per_donor", 1));
        UUID purchase = UUID.randomUUID();
        UUID donor = UUID.randomUUID();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(body(purchase, donor, "ONEEACH"));
        }
        assertThat(redeemAllAtOnce(bodies)).as("a repeat gets the first's use").containsOnly(201);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        // Another purchase of the same donor is over the per-donor limit.
        redeem(event, UUID.randomUUID(), donor, "ONEEACH", pkg, "20.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted"));
    }

    @Test
    void countsExactlyTheTotalLimitUnderConcurrency() throws Exception {
        UUID promo = createCode(event, Map.of("code", "FIVE", "discount_type", "percentage", "discount_value", 10,
                "max_total_uses", 5));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bodies.add(body(UUID.randomUUID(), UUID.randomUUID(), "FIVE"));
        }
        List<Integer> statuses = redeemAllAtOnce(bodies);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(45);
        assertThat(currentUses(pool, promo)).isEqualTo(5);
        assertThat(PromoFixtures.count(pool, "SELECT count(*) FROM promo_code_applications WHERE promo_id = $1", promo))
                .isEqualTo(5);
    }

    @Test
    void countsOneUseForADonorRacingWithThemself() throws Exception {
        UUID promo = createCode(event, Map.of("code", "MINE", "discount_type", "fixed_amount", "discount_value", 5,
                "max_uses_per_donor", 1));
        UUID donor = UUID.randomUUID();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(body(UUID.randomUUID(), donor, "MINE"));
        }
        List<Integer> statuses = redeemAllAtOnce(bodies);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(19);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
    }

    @Test
    void answersARepeatedPurchaseWithTheFirstAnswerAndOneUse() throws Exception {
        UUID promo = createCode(event, Map.of("code", "AGAIN", "discount_type", "percentage", "discount_value", 33.33));
        UUID purchase = UUID.randomUUID();
        UUID donor = UUID.randomUUID();
        String first = redeem(event, purchase, donor, "again", pkg, "1.50").statusCode(201)
                .body("promo_id", equalTo(promo.toString())).body("code", equalTo("AGAIN")).extract().asString();
        assertThat(first).contains("\"discount_amount\":0.50");
        String second = redeem(event, purchase, donor, "AGAIN", pkg, "1.50").statusCode(201).extract().asString();
        assertThat(second).isEqualTo(first);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        // The same purchase fired concurrently still counts once.
        UUID racing = UUID.randomUUID();
        List<Integer> statuses = redeemAllAtOnce(List.of(body(racing, donor, "AGAIN"), body(racing, donor, "AGAIN"),
                body(racing, donor, "AGAIN"), body(racing, donor, "AGAIN")));
        assertThat(statuses).containsOnly(201);
        assertThat(currentUses(pool, promo)).isEqualTo(2);
    }

    @Test
    void judgesNoMoreWrongCodesThanTheBudgetWhenTheyArriveAtOnce() throws Exception {
        createCode(event, Map.of("code", "REAL", "discount_type", "fixed_amount", "discount_value", 5));
        UUID donor = UUID.randomUUID();
        List<Supplier<ValidatableResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            String guess = "GUESS" + i;
            requests.add(() -> redeem(event, UUID.randomUUID(), donor, guess, pkg, "20.00"));
        }
        int real = 20;
        requests.add(real, () -> redeem(event, UUID.randomUUID(), donor, "REAL", pkg, "20.00"));
        boolean realJudged = assertAtMostTheBudgetJudged(allAtOnce(requests), real, 201);
        assertThat(PromoFixtures.count(pool, "SELECT count(*) FROM promo_code_applications WHERE donor_id = $1", donor))
                .isEqualTo(realJudged ? 1 : 0);
        redeem(event, UUID.randomUUID(), donor, "REAL", pkg, "20.00").statusCode(429)
                .body("code", equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "REAL", pkg, "20.00").statusCode(201);
    }

    @Test
    void releasesAUseOnceAndNeverAConfirmedOne() {
        UUID promo = createCode(event, Map.of("code", "BACK", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 1));
        UUID purchase = UUID.randomUUID();
        redeem(event, purchase, UUID.randomUUID(), "BACK", pkg, "20.00").statusCode(201);
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "BACK", pkg, "20.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted"));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + purchase).then().statusCode(204);
        }
        assertThat(currentUses(pool, promo)).isZero();
        assertThat(applicationStatus(pool, purchase)).isEqualTo("released");
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + UUID.randomUUID()).then()
                .statusCode(204);
        UUID sold = UUID.randomUUID();
        redeem(event, sold, UUID.randomUUID(), "BACK", pkg, "20.00").statusCode(201);
        pool.preparedQuery("UPDATE promo_code_applications SET status = 'confirmed' WHERE purchase_id = $1")
                .execute(Tuple.of(sold)).await().indefinitely();
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + sold).then().statusCode(204);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(applicationStatus(pool, sold)).isEqualTo("confirmed");
    }

    @Test
    void tellsPurchaseServiceWhenTheLastUsesAreHeldByPurchasesInFlight() {
        createCode(event, Map.of("code", "LAST", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 1));
        UUID held = UUID.randomUUID();
        redeem(event, held, UUID.randomUUID(), "LAST", pkg, "20.00").statusCode(201);
        // The only use is held by a purchase not yet sold: it may come back, so the refusal says so.
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "LAST", pkg, "20.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted")).body("uses_in_flight", equalTo(true));
        pool.preparedQuery("UPDATE promo_code_applications SET status = 'confirmed' WHERE purchase_id = $1")
                .execute(Tuple.of(held)).await().indefinitely();
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "LAST", pkg, "20.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted")).body("uses_in_flight", equalTo(false));
    }

    @Test
    void checksACodeWithoutTakingAUse() {
        UUID promo = createCode(event, Map.of("code", "LOOK", "discount_type", "percentage", "discount_value", 10,
                "max_total_uses", 1));
        UUID purchase = UUID.randomUUID();
        check(purchase, UUID.randomUUID(), "look").statusCode(200).body("promo_id", equalTo(promo.toString()))
                .body("discount_amount", equalTo(10.0f));
        assertThat(currentUses(pool, promo)).isZero();
        assertThat(applicationStatus(pool, purchase)).as("a check writes nothing").isNull();
        check(UUID.randomUUID(), UUID.randomUUID(), "NOPE").statusCode(404).body("code",
                equalTo("promo_code_not_found"));
        UUID held = UUID.randomUUID();
        redeem(event, held, UUID.randomUUID(), "LOOK", pkg, "100.00").statusCode(201);
        check(UUID.randomUUID(), UUID.randomUUID(), "LOOK").statusCode(200); // a use held in flight may come back
        pool.preparedQuery("UPDATE promo_code_applications SET status = 'confirmed' WHERE purchase_id = $1")
                .execute(Tuple.of(held)).await().indefinitely();
        check(UUID.randomUUID(), UUID.randomUUID(), "LOOK").statusCode(409).body("code",
                equalTo("promo_code_exhausted"));
        assertThat(currentUses(pool, promo)).isEqualTo(1);
    }

    private io.restassured.response.ValidatableResponse check(UUID purchase, UUID donor, String code) {
        return given().auth().oauth2(serviceToken()).contentType("application/json").body(body(purchase, donor, code))
                .post("/internal/v1/redemptions/checks").then();
    }

    @Test
    void answersTheValidateCodesOnRedeem() {
        createCode(event,
                Map.of("code", "OFF", "discount_type", "fixed_amount", "discount_value", 5, "is_active", false));
        createCode(event, Map.of("code", "SCOPED", "discount_type", "fixed_amount", "discount_value", 5,
                "package_ids", List.of()));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "MISSING", pkg, "20.00").statusCode(404)
                .body("code", equalTo("promo_code_not_found"));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "OFF", pkg, "20.00").statusCode(410)
                .body("code", equalTo("promo_code_expired"));
        UUID foreign = UUID.randomUUID();
        PromoFixtures.knownPackage(pool, foreign, UUID.randomUUID(), "20.00");
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "SCOPED", foreign, "20.00").statusCode(422)
                .body("code", equalTo("promo_code_not_applicable"));
        assertThat(PromoFixtures.count(pool, "SELECT count(*) FROM promo_code_applications WHERE event_id = $1", event))
                .isZero();
    }

    @Test
    void refusesBadRedeemBodiesWithoutCountingAUse() {
        UUID promo = createCode(event, Map.of("code", "STRICT", "discount_type", "fixed_amount", "discount_value", 5));
        var service = given().auth().oauth2(serviceToken()).contentType(ContentType.JSON);
        service.body("{\"purchase_id\":\"" + UUID.randomUUID() + "\",\"event_id\":\"" + event + "\"}")
                .post("/internal/v1/redemptions").then().statusCode(422).body("code", equalTo("validation_failed"));
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body(body(UUID.randomUUID(), UUID.randomUUID(), "STRICT").replace("100.00", "100.005"))
                .post("/internal/v1/redemptions").then().statusCode(422).body("errors[0].field", equalTo("base_price"));
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body(body(UUID.randomUUID(), UUID.randomUUID(), "STRICT").replace("}", ",\"extra\":1}"))
                .post("/internal/v1/redemptions").then().statusCode(400).body("code", equalTo("unknown_field"));
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body(body(UUID.randomUUID(), UUID.randomUUID(), "STRICT").replace("\"quantity\":1",
                        "\"quantity\":\"1\""))
                .post("/internal/v1/redemptions").then().statusCode(400).body("code", equalTo("malformed_json"));
        assertThat(currentUses(pool, promo)).isZero();
    }

    @Test
    void settlesAnUnconfirmedRedemptionByAskingPurchaseServiceNeverByAge() {
        UUID promo = createCode(event, Map.of("code", "STALE", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 3));
        UUID committed = UUID.randomUUID(); // sold, but its sale event is late (a stalled relay)
        UUID neverSold = UUID.randomUUID();
        UUID noAnswer = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        for (UUID purchase : List.of(committed, neverSold, noAnswer, fresh)) {
            redeem(event, purchase, UUID.randomUUID(), "STALE", pkg, "20.00").statusCode(purchase == fresh ? 409 : 201);
        }
        FakePurchase.mark("committed", committed);
        FakePurchase.mark("silent", noAnswer);
        pool.preparedQuery("UPDATE promo_code_applications SET created_at = now() - interval '6 minutes' "
                + "WHERE purchase_id = ANY($1)").execute(Tuple.of(new UUID[]{committed, neverSold, noAnswer}))
                .await().indefinitely();

        Reconciler.Settled settled = reconciler.settle(Duration.ofMinutes(5)).await().indefinitely();

        assertThat(settled.confirmed()).isGreaterThanOrEqualTo(1);
        assertThat(applicationStatus(pool, committed)).isEqualTo("confirmed");
        assertThat(applicationStatus(pool, neverSold)).isEqualTo("released");
        assertThat(applicationStatus(pool, noAnswer)).as("no answer is not a no").isEqualTo("redeemed");
        assertThat(currentUses(pool, promo)).isEqualTo(2);
        // The freed use can be taken again; the limit still holds.
        redeem(event, fresh, UUID.randomUUID(), "STALE", pkg, "20.00").statusCode(201);
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "STALE", pkg, "20.00").statusCode(409);
        assertThat(currentUses(pool, promo)).isEqualTo(3);
    }

    @Test
    void aReleaseForGoodRefusesTheRedeemThatArrivesAfterIt() {
        UUID promo = createCode(event, Map.of("code", "LATECOMER", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 1));
        UUID abandoned = UUID.randomUUID();
        // purchase-service gave up on the purchase (its redeem timed out) before the redeem reached promo.
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + abandoned + "?final=true").then()
                .statusCode(204);
        redeem(event, abandoned, UUID.randomUUID(), "LATECOMER", pkg, "20.00").statusCode(409)
                .body("code", equalTo("redemption_released"));
        assertThat(currentUses(pool, promo)).as("the late redeem holds nothing").isZero();
        assertThat(applicationStatus(pool, abandoned)).isNull();
        // The one use is there for the next buyer; a plain release keeps no such mark.
        UUID next = UUID.randomUUID();
        redeem(event, next, UUID.randomUUID(), "LATECOMER", pkg, "20.00").statusCode(201);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
    }

    @Test
    void aReleaseWaitsForTheRedeemStillBeingWrittenAndReleasesIt() throws Exception {
        UUID promo = createCode(event, Map.of("code", "SLOWPOKE", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 3));
        UUID purchase = UUID.randomUUID();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = serviceToken();
        var holder = pool.getConnection().await().indefinitely();
        var transaction = holder.begin().await().indefinitely();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> redeemed;
        java.util.concurrent.CompletableFuture<HttpResponse<String>> released;
        try {
            // The redeem blocks on the code's row (held here): its answer comes after its caller has given up.
            holder.preparedQuery("SELECT 1 FROM promo_codes WHERE id = $1 FOR UPDATE").execute(Tuple.of(promo))
                    .await().indefinitely();
            redeemed = client.sendAsync(HttpRequest.newBuilder(URI.create(redemptions.toString()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(purchase, UUID.randomUUID(), "SLOWPOKE"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingOnLocks(1);
            // The caller's release (for good) arrives while the redeem is still being written.
            released = client.sendAsync(HttpRequest.newBuilder(URI.create(redemptions + "/" + purchase + "?final=true"))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingOnLocks(2);
        } finally {
            transaction.commit().await().indefinitely();
            holder.close().await().indefinitely();
        }
        assertThat(redeemed.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(released.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        assertThat(currentUses(pool, promo)).as("the release waited for the redeem and gave its use back").isZero();
        assertThat(applicationStatus(pool, purchase)).isEqualTo("released");
        redeem(event, purchase, UUID.randomUUID(), "SLOWPOKE", pkg, "20.00").statusCode(409)
                .body("code", equalTo("redemption_released"));
        assertThat(currentUses(pool, promo)).isZero();
    }

    /** Until {@code sessions} of this database wait on a lock (a row's or an advisory one); fails after 10 s. */
    private void awaitSessionsWaitingOnLocks(int sessions) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").execute().await().indefinitely().iterator().next()
                .getLong(0) < sessions) {
            assertThat(System.nanoTime()).as("%d sessions waiting on a lock", sessions).isLessThan(until);
            Thread.sleep(20);
        }
    }

    @Test
    void aRetryOfAReleasedPurchaseCountsItsUseAgainWithinTheLimit() {
        UUID promo = createCode(event, Map.of("code", "ONCEMORE", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 1));
        UUID keyed = UUID.randomUUID(); // a donor's Idempotency-Key: every attempt carries this purchase id
        UUID donor = UUID.randomUUID();
        redeem(event, keyed, donor, "ONCEMORE", pkg, "20.00").statusCode(201);
        // Sold out: the attempt gives the use back, and another buyer takes it.
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + keyed).then().statusCode(204);
        UUID other = UUID.randomUUID();
        redeem(event, other, UUID.randomUUID(), "ONCEMORE", pkg, "20.00").statusCode(201);
        // The donor retries under their key: the use is counted anew, so the code's only use is not given twice.
        redeem(event, keyed, donor, "ONCEMORE", pkg, "20.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted"));
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(applicationStatus(pool, keyed)).isEqualTo("released");
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + other).then().statusCode(204);
        redeem(event, keyed, donor, "ONCEMORE", pkg, "20.00").statusCode(201);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(applicationStatus(pool, keyed)).isEqualTo("redeemed");
    }

    @Test
    void aLaterAttemptOfAPurchaseTakesItsUseOverSoAnEarlierAttemptsReleaseKeepsIt() {
        UUID promo = createCode(event, Map.of("code", "TAKEOVER", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 1));
        UUID purchase = UUID.randomUUID(); // a keyed purchase: both attempts carry its id
        UUID donor = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID retry = UUID.randomUUID();
        redeemAttempt(purchase, donor, "TAKEOVER", first).statusCode(201);
        // The first attempt timed out; the donor's retry redeems the same purchase and is selling with the use...
        redeemAttempt(purchase, donor, "TAKEOVER", retry).statusCode(201);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        // ...when the first attempt's release (sent after its timeout) arrives: it gives nothing back.
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + purchase + "?attempt=" + first)
                .then().statusCode(204);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(applicationStatus(pool, purchase)).isEqualTo("redeemed");
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "TAKEOVER", pkg, "20.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted"));
        // The retry's own release (its stock ran out) does.
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + purchase + "?attempt=" + retry)
                .then().statusCode(204);
        assertThat(currentUses(pool, promo)).isZero();
        assertThat(applicationStatus(pool, purchase)).isEqualTo("released");
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + purchase + "?attempt=nope")
                .then().statusCode(422).body("code", equalTo("validation_failed"));
    }

    private ValidatableResponse redeemAttempt(UUID purchase, UUID donor, String code, UUID attempt) {
        return given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("purchase_id", purchase.toString(), "event_id", event.toString(), "donor_id",
                        donor.toString(), "code", code, "package_id", pkg.toString(), "quantity", 1, "base_price",
                        new java.math.BigDecimal("20.00"), "attempt_id", attempt.toString()))
                .post("/internal/v1/redemptions").then();
    }

    @Test
    void letsOnlyServicesCallInternalPaths() {
        String body = body(UUID.randomUUID(), UUID.randomUUID(), "ANY");
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/redemptions").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        for (String token : List.of(Tokens.donor(UUID.randomUUID()), Tokens.coordinator(event), Tokens.superAdmin())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/internal/v1/redemptions")
                    .then().statusCode(403).body("code", equalTo("forbidden"));
            given().auth().oauth2(token).delete("/internal/v1/redemptions/" + UUID.randomUUID()).then().statusCode(403);
            given().auth().oauth2(token).post("/internal/v1/redemptions/" + UUID.randomUUID() + "/return").then()
                    .statusCode(403).body("code", equalTo("forbidden"));
        }
        given().delete("/internal/v1/redemptions/" + UUID.randomUUID()).then().statusCode(401);
        given().post("/internal/v1/redemptions/" + UUID.randomUUID() + "/return").then().statusCode(401);
    }
}
