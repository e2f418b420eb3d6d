package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.response.Response;

/**
 * Fault drills on the running stack, under a steady purchase load (ARCHITECTURE.md: nothing lost, nothing
 * half-written). A short form runs in `stack test`; `stack drill` runs them with -Ddrill.full=true.
 * They run last (they stop and start parts of the stack) and leave it whole.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillSystemTests {

    static final boolean FULL = Boolean.getBoolean("drill.full");
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    /** Buyers at a steady rate, each answer counted by status. */
    private final class SteadyLoad implements AutoCloseable {

        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService buyers = Executors.newFixedThreadPool(4);

        SteadyLoad(String packageId, String promo, long pauseMillis) {
            for (int i = 0; i < 4; i++) {
                buyers.submit(() -> {
                    while (running.get()) {
                        int status;
                        try {
                            status = buy(UUID.randomUUID(), packageId, 1, promo).statusCode();
                        } catch (RuntimeException e) {
                            status = -1; // connection refused: the service under the drill is down
                        }
                        statuses.merge(status, 1, Integer::sum);
                        sleep(pauseMillis);
                    }
                });
            }
        }

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            buyers.shutdown();
            buyers.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    private String createPackage(String name, Integer limit) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "price", 20));
        if (limit != null) {
            body.put("quantity_limit", limit);
        }
        String id = given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        Await.until("package on sale", Duration.ofSeconds(15),
                () -> StackControl.query("purchase",
                        "select count(*) from inventory where enabled and package_id = '" + id + "'") == 1);
        return id;
    }

    private Response buy(UUID donor, String packageId, int quantity, String promo) {
        Map<String, Object> body = new HashMap<>(Map.of("package_id", packageId, "quantity", quantity));
        if (promo != null) {
            body.put("promo_code", promo);
        }
        return given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json").body(body)
                .post(Gateways.next() + "/api/v1/events/" + event + "/tickets/purchase");
    }

    private int projectedSold(String packageId) {
        List<Map<String, Object>> packages = given().auth().oauth2(coordinator)
                .get(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/sales").then().statusCode(200)
                .extract().path("packages");
        return packages.stream().filter(p -> packageId.equals(p.get("package_id")))
                .mapToInt(p -> ((Number) p.get("sold_count")).intValue()).findFirst().orElse(0);
    }

    private Map<String, Object> projected(String packageId) {
        List<Map<String, Object>> packages = given().auth().oauth2(coordinator)
                .get(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/sales").then().statusCode(200)
                .extract().path("packages");
        return packages.stream().filter(p -> packageId.equals(p.get("package_id"))).findFirst().orElse(null);
    }

    private long soldInPurchaseDatabase(String packageId) {
        return StackControl.query("purchase",
                "select coalesce(sum(quantity), 0) from purchases where package_id = '" + packageId + "'");
    }

    private static long unpublishedSnapshots(String... packageIds) {
        return StackControl.query("catalog",
                "select count(*) from outbox where published_at is null and message_key in ('"
                        + String.join("','", packageIds) + "')");
    }

    @Test
    @Order(1)
    void aKafkaOutageDelaysSalesButLosesNone() throws Exception {
        String packageId = createPackage("Kafka drill", null);
        String repriced = createPackage("Repriced while Kafka is down", null);
        // Orders cancelled while the broker is down (API.md, "Order lifecycle"): the cancellations commit at once,
        // their tickets_cancelled events wait in the outbox, and the sales view converges afterwards.
        String cancelledDuringOutage = createPackage("Cancelled while Kafka is down", null);
        List<io.restassured.path.json.JsonPath> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(given().auth().oauth2(SystemTokens.donor(UUID.randomUUID())).contentType("application/json")
                    .body(Map.of("package_id", cancelledDuringOutage, "quantity", 2, "donation_amount", 5))
                    .post(Gateways.next() + "/api/v1/events/" + event + "/tickets/purchase").then().statusCode(201)
                    .extract()
                    .jsonPath());
        }
        long outage = FULL ? 20_000 : 8_000;
        Instant started = Instant.now();
        try (SteadyLoad load = new SteadyLoad(packageId, null, 100)) {
            sleep(1_000);
            StackControl.kill("kafka", true);
            for (int i = 0; i < orders.size(); i++) {
                Map<String, Object> body = i < 3
                        ? Map.of("reason", "drill: whole order")
                        : Map.of("reason", "drill: one seat", "ticket_ids",
                                List.of(orders.get(i).getString("tickets[0].id")));
                given().auth().oauth2(coordinator).contentType("application/json").body(body)
                        .post(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/purchases/"
                                + orders.get(i).getString("id") + "/cancellations")
                        .then().statusCode(201);
            }
            // Catalog changes while the broker is down: answered at once, queued in the catalog's outbox.
            given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("price", 35.50))
                    .patch(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/packages/" + repriced).then()
                    .statusCode(200);
            String createdDuringOutage = given().auth().oauth2(coordinator).contentType("application/json")
                    .body(Map.of("name", "Created while Kafka is down", "price", 12))
                    .post(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/packages")
                    .then().statusCode(201).extract().path("id");
            sleep(outage);
            assertThat(load.statuses.keySet()).as("every purchase answers 201 while Kafka is down").containsOnly(201);
            assertThat(unpublishedSnapshots(repriced, createdDuringOutage))
                    .as("the snapshots wait in the catalog's outbox").isGreaterThanOrEqualTo(2);
            StackControl.infra();
            sleep(2_000);
            load.close();
            assertThat(load.statuses.keySet()).containsOnly(201);
            long sold = soldInPurchaseDatabase(packageId);
            assertThat(sold).isEqualTo(load.count(201));
            Await.until("every sale in the catalog projection after the outage", Duration.ofSeconds(90),
                    () -> projectedSold(packageId) == sold);
            sleep(3_000);
            assertThat(projectedSold(packageId)).as("no sale counted twice").isEqualTo((int) sold);
            // The catalog's outbox survived the outage: both snapshots reached their consumers afterwards.
            Await.until("the snapshots queued during the outage published", Duration.ofSeconds(60),
                    () -> unpublishedSnapshots(repriced, createdDuringOutage) == 0);
            Await.until("checkout sells the new price", Duration.ofSeconds(30), () -> StackControl.query("purchase",
                    "select count(*) from inventory where unit_price = 35.50 and package_id = '" + repriced
                            + "'") == 1);
            Await.until("checkout knows the package created during the outage", Duration.ofSeconds(30),
                    () -> StackControl.query("purchase",
                            "select count(*) from inventory where enabled and package_id = '" + createdDuringOutage
                                    + "'") == 1);
            Await.until("promo and media know it too", Duration.ofSeconds(30),
                    () -> StackControl.query("promo",
                            "select count(*) from known_packages where package_id = '" + createdDuringOutage + "'") == 1
                            && StackControl.query("media", "select count(*) from known_packages where package_id = '"
                                    + createdDuringOutage + "'") == 1);
            assertThat(buy(UUID.randomUUID(), createdDuringOutage, 1, null).statusCode()).isEqualTo(201);
            // of 5 orders of 2 one-seat packages: 3 whole orders and 2 single seats cancelled, 8 packages returned
            long packagesLeft = StackControl.query("purchase", "select sum(quantity - packages_returned) from "
                    + "purchases where package_id = '" + cancelledDuringOutage + "'");
            long refundedCents = StackControl.query("purchase", "select round(sum(refunded_amount) * 100)::bigint "
                    + "from purchases where package_id = '" + cancelledDuringOutage + "'");
            assertThat(packagesLeft).isEqualTo(2);
            Await.until("the cancellations made during the outage in the sales view", Duration.ofSeconds(60), () -> {
                Map<String, Object> row = projected(cancelledDuringOutage);
                return row != null && ((Number) row.get("sold_count")).longValue() == packagesLeft
                        && Math.round(((Number) row.get("refunded")).doubleValue() * 100) == refundedCents
                        && ((Number) row.get("cancelled_tickets")).longValue() == 8;
            });
            Reliability.record("kafka-outage", Map.of("outage_ms", outage, "purchases", sold, "answers", load.statuses,
                    "projection_equals_purchases", true, "seconds",
                    Duration.between(started, Instant.now()).toSeconds()));
        }
    }

    @Test
    @Order(2)
    void aCatalogCrashCatchesUpFromItsOffsets() throws Exception {
        String packageId = createPackage("Catalog crash drill", null);
        try (SteadyLoad load = new SteadyLoad(packageId, null, 100)) {
            sleep(1_000);
            StackControl.killAll("catalog-service", true);
            sleep(FULL ? 10_000 : 4_000);
            StackControl.restart("catalog-service");
            sleep(1_000);
            load.close();
            assertThat(load.statuses.keySet()).containsOnly(201);
            long sold = soldInPurchaseDatabase(packageId);
            Await.until("catalog caught up", Duration.ofSeconds(60), () -> projectedSold(packageId) == sold);
            Reliability.record("catalog-crash", Map.of("purchases", sold, "answers", load.statuses,
                    "projection_equals_purchases", true));
        }
    }

    @Test
    @Order(3)
    void aPromoOutageRefusesCodesAndConsumesNothing() {
        String packageId = createPackage("Promo drill", 100);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("code", "DRILL10", "discount_type", "percentage", "discount_value", 10))
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
        StackControl.killAll("promo-service", true);
        try {
            buy(UUID.randomUUID(), packageId, 1, null).then().statusCode(201);
            buy(UUID.randomUUID(), packageId, 1, "DRILL10").then().statusCode(503)
                    .body("code", equalTo("dependency_unavailable"));
            assertThat(soldInPurchaseDatabase(packageId)).as("nothing sold by the refused purchase").isEqualTo(1);
        } finally {
            StackControl.restart("promo-service");
        }
        Await.until("codes work again", Duration.ofSeconds(30), () -> buy(UUID.randomUUID(), packageId, 1, "DRILL10")
                .statusCode() == 201);
        List<Map<String, Object>> codes = given().auth().oauth2(coordinator)
                .get(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().extract()
                .path("promo_codes");
        assertThat(codes.get(0).get("current_uses")).as("the refused purchase consumed no use").isEqualTo(1);
        Reliability.record("promo-outage", Map.of("without_code", 201, "with_code_while_down", 503, "uses_after", 1));
    }

    @Test
    @Order(4)
    void aPurchaseCrashLeavesNoHalfWrittenSaleAndNoLostPromoUse() throws Exception {
        // Reconciliation releases uses whose sale died after the redeem: shortened so the drill can see it.
        StackControl.restart("promo-service", "PROMO_RECONCILE_MAX_AGE=5s", "PROMO_RECONCILE_EVERY=2s");
        String packageId = createPackage("Purchase crash drill", null);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("code", "CRASH5", "discount_type", "fixed_amount", "discount_value", 5))
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
        Await.until("code usable", Duration.ofSeconds(60),
                () -> given().auth().oauth2(SystemTokens.donor(UUID.randomUUID()))
                        .get(Gateways.next() + "/api/v1/events/" + event + "/promo-codes/CRASH5/validate?package_id="
                                + packageId + "&quantity=1")
                        .statusCode() == 200);
        try (SteadyLoad withCode = new SteadyLoad(packageId, "CRASH5", 20);
                SteadyLoad without = new SteadyLoad(packageId, null, 20)) {
            sleep(FULL ? 5_000 : 2_000);
            StackControl.kill("purchase-service", true);
            sleep(1_000);
            StackControl.restart("purchase-service");
            sleep(1_000);
        }
        String purchases = "purchases where package_id = '" + packageId + "'";
        long halfWritten = StackControl.query("purchase", "select count(*) from " + purchases
                + " and (quantity * seats_per_package <> (select count(*) from tickets t where t.purchase_id = purchases.id)"
                + " or not exists (select 1 from outbox o where o.payload->>'purchase_id' = purchases.id::text))");
        assertThat(halfWritten).as("purchases without all their tickets or their outbox row").isZero();
        long sold = soldInPurchaseDatabase(packageId);
        assertThat(StackControl.query("purchase",
                "select sold_count from inventory where package_id = '" + packageId + "'"))
                .isEqualTo(sold);
        long withPromo = StackControl.query("purchase",
                "select count(*) from " + purchases + " and promo_code = 'CRASH5'");
        Await.until("promo uses equal the purchases that used the code", Duration.ofSeconds(60), () -> {
            List<Map<String, Object>> codes = given().auth().oauth2(coordinator)
                    .get(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().extract()
                    .path("promo_codes");
            return ((Number) codes.get(0).get("current_uses")).longValue() == withPromo;
        });
        Reliability.record("purchase-crash",
                Map.of("purchases", sold, "with_promo", withPromo, "half_written", halfWritten,
                        "promo_uses_equal_purchases", true));
        StackControl.restart("promo-service");
    }

    @Test
    @Order(5)
    void servicesRecoverFromAPostgresRestartUnderLoadAndEveryViewConvergesToTheTruth() throws Exception {
        // A redeem whose sale met the restart has an unknown outcome: only promo's reconciliation, asking
        // purchase-service, may give that use back. Its age is shortened for the drill, yet kept above the sale
        // deadline (20 s), after which no claim can commit any more.
        StackControl.restart("promo-service", "PROMO_RECONCILE_MAX_AGE=25s", "PROMO_RECONCILE_EVERY=2s");
        String packageId = createPackage("PostgreSQL restart drill", null);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("code", "BLINK5", "discount_type", "fixed_amount", "discount_value", 5,
                        "max_total_uses", 100_000))
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
        Await.until("code usable", Duration.ofSeconds(60),
                () -> given().auth().oauth2(SystemTokens.donor(UUID.randomUUID()))
                        .get(Gateways.next() + "/api/v1/events/" + event + "/promo-codes/BLINK5/validate?package_id="
                                + packageId + "&quantity=1")
                        .statusCode() == 200);
        String version = StackControl.ROOT.toFile().exists() ? postgresVersion() : "15";
        Map<Integer, Integer> answers = new java.util.TreeMap<>();
        try (SteadyLoad withCode = new SteadyLoad(packageId, "BLINK5", 50);
                SteadyLoad without = new SteadyLoad(packageId, null, 50)) {
            sleep(2_000);
            StackControl.run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop"));
            try {
                Await.until("purchase-service not ready while its database is down", Duration.ofSeconds(30),
                        () -> given().get("http://127.0.0.1:9083/q/health/ready").statusCode() == 503);
                sleep(FULL ? 10_000 : 3_000);
            } finally {
                StackControl.run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"));
            }
            for (int port : new int[]{8081, 8082, 8083, 8084}) {
                for (int instance = 1; instance <= StackControl.REPLICAS; instance++) {
                    int management = StackControl.managementPort(port, instance);
                    Await.until("service on " + management + " ready again", Duration.ofSeconds(60),
                            () -> given().get("http://127.0.0.1:" + management + "/q/health/ready")
                                    .statusCode() == 200);
                }
            }
            sleep(3_000); // sales again after the restart
            withCode.close();
            without.close();
            withCode.statuses.forEach((status, count) -> answers.merge(status, count, Integer::sum));
            without.statuses.forEach((status, count) -> answers.merge(status, count, Integer::sum));
        }
        assertThat(answers.getOrDefault(201, 0)).as("purchases before and after the restart").isPositive();
        assertThat(answers.keySet()).as("sold, or told to try again (503), never an internal error: %s", answers)
                .isSubsetOf(201, 503);
        // Every view equals purchase-service's rows within a minute, without a manual step.
        String purchases = "from purchases where package_id = '" + packageId + "'";
        long sold = StackControl.query("purchase", "select coalesce(sum(quantity), 0) " + purchases);
        long revenueCents = StackControl.query("purchase", "select coalesce(sum(total_price) * 100, 0)::bigint "
                + purchases);
        long withPromo = StackControl.query("purchase", "select count(*) " + purchases + " and promo_code = 'BLINK5'");
        assertThat(StackControl.query("purchase", "select sold_count from inventory where package_id = '" + packageId
                + "'")).isEqualTo(sold);
        Instant settled = Instant.now();
        Await.until("the sales view equals purchase-service's figures", Duration.ofSeconds(60), () -> {
            Map<String, Object> view = given().auth().oauth2(coordinator)
                    .get(Gateways.next() + "/api/v1/admin/events/" + event + "/tickets/sales").then().statusCode(200)
                    .extract()
                    .jsonPath().getMap("$");
            return ((Number) view.get("total_sold")).longValue() == sold
                    && ((Number) view.get("total_tickets")).longValue() == sold
                    && new java.math.BigDecimal(view.get("total_revenue").toString()).movePointRight(2)
                            .longValueExact() == revenueCents;
        });
        Await.until("promo uses equal the purchases that used the code", Duration.ofSeconds(90),
                () -> StackControl.query("promo", "select current_uses from promo_codes where event_id = '" + event
                        + "' and code = 'BLINK5'") == withPromo
                        && StackControl.query("promo", "select count(*) from promo_code_applications a join "
                                + "promo_codes p on p.id = a.promo_id where p.event_id = '" + event
                                + "' and a.status <> 'released'") == withPromo);
        Reliability.record("postgres-restart", Map.of("answers", answers, "purchases", sold, "with_promo", withPromo,
                "revenue_cents", revenueCents, "views_equal_truth_within_s",
                Duration.between(settled, Instant.now()).toSeconds(), "readiness", "DOWN then UP"));
        StackControl.restart("promo-service");
    }

    @Test
    @Order(6)
    void aFrozenSaleRelayPastTheReconcileAgeConfirmsUsesWithinTheirLimits() throws Exception {
        // Reconciliation settles uses whose sale event has not come after its age: shortened so the drill sees it,
        // and kept above the sale deadline (20 s) as in production (5 min), so that it never meets a sale in flight.
        StackControl.restart("promo-service", "PROMO_RECONCILE_MAX_AGE=25s", "PROMO_RECONCILE_EVERY=2s");
        try {
            String packageId = createPackage("Frozen relay drill", null);
            createCode("ONLYONE", Map.of("max_total_uses", 1), packageId);
            createCode("ONEEACH", Map.of("max_uses_per_donor", 1), packageId);
            UUID donor = UUID.randomUUID();
            List<String> purchases = new java.util.ArrayList<>();
            Instant frozen = Instant.now();
            long waitedSeconds;
            // purchase-service's outbox relay is frozen: its advisory lock is held from another session, so the
            // sales commit and their ticket_sold events wait in the outbox, past promo's reconcile age.
            try (Connection freeze = StackControl.freezeRelay("purchase-service")) {
                purchases.add(buy(UUID.randomUUID(), packageId, 1, "ONLYONE").then().statusCode(201).extract()
                        .path("id"));
                purchases.add(buy(donor, packageId, 1, "ONEEACH").then().statusCode(201).extract().path("id"));
                String ids = "('" + String.join("','", purchases) + "')";
                Await.until("promo's reconciliation confirmed both uses, asking purchase-service",
                        Duration.ofSeconds(120), () -> StackControl.query("promo", "select count(*) from "
                                + "promo_code_applications where status = 'confirmed' and purchase_id in " + ids) == 2);
                waitedSeconds = Duration.between(frozen, Instant.now()).toSeconds();
                assertThat(StackControl.query("purchase", "select count(*) from outbox where published_at is null "
                        + "and payload->>'purchase_id' in " + ids)).as("the sale events are still held").isEqualTo(2);
                // Confirmed, not released by age: the limits still hold while the events are late.
                buy(UUID.randomUUID(), packageId, 1, "ONLYONE").then().statusCode(409)
                        .body("code", equalTo("promo_code_exhausted"));
                buy(donor, packageId, 1, "ONEEACH").then().statusCode(409)
                        .body("code", equalTo("promo_code_exhausted"));
                purchases.add(buy(UUID.randomUUID(), packageId, 1, "ONEEACH").then().statusCode(201).extract()
                        .path("id"));
            }
            String ids = "('" + String.join("','", purchases) + "')";
            Await.until("the relay thawed and published the late events", Duration.ofSeconds(60),
                    () -> StackControl.query("purchase", "select count(*) from outbox where published_at is null "
                            + "and payload->>'purchase_id' in " + ids) == 0);
            // The late confirmations count nothing twice: uses equal the ledger and the purchases with each code.
            for (Map.Entry<String, Long> code : Map.of("ONLYONE", 1L, "ONEEACH", 2L).entrySet()) {
                Await.until(code.getKey() + "'s uses equal its purchases", Duration.ofSeconds(60), () -> {
                    long uses = StackControl.query("promo", "select current_uses from promo_codes where event_id = '"
                            + event + "' and code = '" + code.getKey() + "'");
                    long ledger = StackControl.query("promo", "select count(*) from promo_code_applications a join "
                            + "promo_codes p on p.id = a.promo_id where p.event_id = '" + event + "' and p.code = '"
                            + code.getKey() + "' and a.status in ('redeemed', 'confirmed')");
                    long sold = StackControl.query("purchase", "select count(*) from purchases where package_id = '"
                            + packageId + "' and promo_code = '" + code.getKey() + "'");
                    return uses == code.getValue() && ledger == uses && sold == uses;
                });
            }
            Await.until("the sales view equals purchase-service's sold count", Duration.ofSeconds(60),
                    () -> projectedSold(packageId) == soldInPurchaseDatabase(packageId));
            Reliability.record("frozen-sale-relay", Map.of("frozen_s", waitedSeconds, "reconcile_max_age_s", 25,
                    "confirmed_by_reconciliation", 2, "released_by_age", 0, "refused_over_limit", 2,
                    "uses_after", Map.of("ONLYONE", 1, "ONEEACH", 2), "views_equal_truth", true));
        } finally {
            StackControl.restart("promo-service");
        }
    }

    @Test
    @Order(7)
    void aRedisRestartLeavesTheLiveSalesStreamLive() throws Exception {
        String packageId = createPackage("Redis restart drill", 100);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = http.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(Gateways.next() + "/api/v1/admin/events/" + event
                        + "/tickets/sales/stream?access_token=" + coordinator))
                .header("Accept", "text/event-stream").build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        java.util.concurrent.BlockingQueue<String> figures = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> stream.body().filter(line -> line.startsWith("data:")).forEach(figures::add));
        reader.setDaemon(true);
        reader.start();
        assertThat(figures.poll(10, TimeUnit.SECONDS)).as("the stream's first figures").contains("\"total_sold\":0");
        // Redis (pub/sub between catalog replicas, the figures' cache, the rate limits) stops and comes back empty.
        Instant stopped = Instant.now();
        // redis-cli's exit status after SHUTDOWN varies by version: the closed port is what counts.
        new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(10, TimeUnit.SECONDS);
        Await.until("Redis stopped", Duration.ofSeconds(10), () -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 6379)) {
                return false;
            } catch (java.io.IOException refused) {
                return true;
            }
        });
        sleep(2_000);
        StackControl.infra();
        long downMillis = Duration.between(stopped, Instant.now()).toMillis();
        // A sale after the restart reaches the stream opened before it: catalog subscribed to Redis again.
        Instant sold = Instant.now();
        Await.until("a sale after the restart", Duration.ofSeconds(30),
                () -> buy(UUID.randomUUID(), packageId, 2, null).statusCode() == 201);
        String seen = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen == null && System.nanoTime() < until) {
            String next = figures.poll(1, TimeUnit.SECONDS);
            if (next != null && next.contains("\"total_sold\":2")) {
                seen = next;
            }
        }
        assertThat(seen).as("the open stream shows the sale made after Redis came back").isNotNull();
        long streamMillis = Duration.between(sold, Instant.now()).toMillis();
        stream.body().close();
        Await.until("the sales view equals purchase-service's sold count", Duration.ofSeconds(30),
                () -> projectedSold(packageId) == soldInPurchaseDatabase(packageId));
        Reliability.record("redis-restart", Map.of("redis_down_ms", downMillis, "sale_on_open_stream_ms",
                streamMillis, "stream_resubscribed", true, "views_equal_truth", true));
    }

    private void createCode(String code, Map<String, Object> limits, String packageId) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "discount_type", "fixed_amount",
                "discount_value", 5));
        body.putAll(limits);
        given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(Gateways.next() + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
        Await.until(code + " usable", Duration.ofSeconds(60), () -> given().auth()
                .oauth2(SystemTokens.donor(UUID.randomUUID()))
                .get(Gateways.next() + "/api/v1/events/" + event + "/promo-codes/" + code + "/validate?package_id="
                        + packageId + "&quantity=1")
                .statusCode() == 200);
    }

    private static String postgresVersion() {
        java.io.File[] versions = new java.io.File("/etc/postgresql").listFiles();
        return versions == null || versions.length == 0 ? "15" : versions[versions.length - 1].getName();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
