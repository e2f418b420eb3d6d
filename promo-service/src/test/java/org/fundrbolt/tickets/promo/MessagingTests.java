package org.fundrbolt.tickets.promo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.applicationStatus;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.currentUses;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.FailingTrigger;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class MessagingTests {

    @Inject
    Pool pool;

    private final UUID event = UUID.randomUUID();

    private static void send(String topic, String key, String json) {
        Kafka.send(topic, key, json);
    }

    private String sale(UUID purchase, UUID pkg) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"ticket_sold\",\"purchase_id\":\""
                + purchase + "\",\"event_id\":\"" + event + "\",\"package_id\":\"" + pkg + "\",\"quantity\":1,"
                + "\"tickets\":1,\"total_price\":15.00,\"sold_count_after\":1,\"inventory_version\":1,"
                + "\"occurred_at\":\"2026-11-24T10:15:30.123Z\"}";
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.get()) {
            assertThat(Instant.now()).as("condition met within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** A snapshot as catalog-service wrote it before the sales rules: no price_tiers. */
    private String snapshot(UUID pkg, long version, String price, boolean deleted) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"package_snapshot\",\"package_id\":\""
                + pkg + "\",\"event_id\":\"" + event + "\",\"version\":" + version + ",\"deleted\":" + deleted
                + ",\"name\":\"Gala table\",\"description\":null,\"price\":" + price + ",\"quantity_limit\":100,"
                + "\"display_order\":0,\"is_enabled\":true,\"seats_per_package\":8,\"fair_market_value\":null,"
                + "\"custom_options\":[{\"label\":\"Meal\",\"option_type\":\"single_select\"}],"
                + "\"occurred_at\":\"2026-11-24T10:15:30.123Z\"}";
    }

    /** A snapshot with the sales rules' fields; {@code tiers} is the JSON array of price_tiers. */
    private String snapshot(UUID pkg, long version, String price, String tiers) {
        return snapshot(pkg, version, price, false).replace(",\"occurred_at\"",
                ",\"sales_start_at\":null,\"sales_end_at\":null,\"min_per_order\":1,\"max_per_order\":10,"
                        + "\"visibility\":\"hidden\",\"price_tiers\":" + tiers + ",\"occurred_at\"");
    }

    private static String tier(String label, String price, Instant endsAt) {
        return "{\"label\":\"" + label + "\",\"price\":" + price + ",\"ends_at\":\"" + endsAt + "\"}";
    }

    private BigDecimal knownPrice(UUID pkg) {
        var rows = pool.preparedQuery("SELECT price FROM known_packages WHERE package_id = $1").execute(Tuple.of(pkg))
                .await().indefinitely();
        return rows.rowCount() == 0 ? null : rows.iterator().next().getBigDecimal("price");
    }

    @Test
    void learnsPackagesAndPricesFromCatalogSnapshotsKeepingTheNewest() throws Exception {
        UUID pkg = UUID.randomUUID();
        send("catalog.packages", pkg.toString(), snapshot(pkg, 2, "1200.00", false));
        await(() -> knownPrice(pkg) != null);
        createCode(event, Map.of("code", "KAFKA20", "discount_type", "percentage", "discount_value", 20,
                "package_ids", java.util.List.of(pkg.toString())));
        validate(event, UUID.randomUUID(), "KAFKA20", pkg, 2).statusCode(200).body("discount_amount", equalTo(480.00f));
        // An older snapshot arriving late changes nothing; a newer one wins.
        send("catalog.packages", pkg.toString(), snapshot(pkg, 1, "5.00", false));
        send("catalog.packages", pkg.toString(), snapshot(pkg, 3, "1000.00", false));
        await(() -> new BigDecimal("1000.00").compareTo(knownPrice(pkg)) == 0);
        validate(event, UUID.randomUUID(), "KAFKA20", pkg, 1).statusCode(200).body("discount_amount", equalTo(200.00f));
        send("catalog.packages", pkg.toString(), snapshot(pkg, 4, "1000.00", true));
        await(() -> PromoFixtures.count(pool, "SELECT count(*) FROM known_packages WHERE package_id = $1 AND deleted",
                pkg) == 1);
        validate(event, UUID.randomUUID(), "KAFKA20", pkg, 1).statusCode(422);
    }

    @Test
    void pricesValidateAtTheTierInForceNow() throws Exception {
        UUID pkg = UUID.randomUUID();
        Instant now = Instant.now();
        String past = tier("Super early", "600.00", now.minus(Duration.ofDays(2)));
        String ahead = tier("Early bird", "1000.00", now.plus(Duration.ofDays(1)));
        String later = tier("Late bird", "1100.00", now.plus(Duration.ofDays(2)));
        send("catalog.packages", pkg.toString(), snapshot(pkg, 1, "1200.00", "[" + past + "," + ahead + "," + later
                + "]"));
        await(() -> knownPrice(pkg) != null);
        assertThat(PromoFixtures.count(pool,
                "SELECT jsonb_array_length(price_tiers) FROM known_packages WHERE package_id = $1", pkg)).isEqualTo(3);
        createCode(event, Map.of("code", "TIERED", "discount_type", "percentage", "discount_value", 20));
        createCode(event, Map.of("code", "ACCESS", "discount_type", "none"));
        // The first tier still ahead: 20 % of 2 × 1000.00, not of the past tier's 600.00 or the later 1100.00.
        validate(event, UUID.randomUUID(), "TIERED", pkg, 2).statusCode(200).body("discount_amount", equalTo(400.00f));
        String none = validate(event, UUID.randomUUID(), "ACCESS", pkg, 2).statusCode(200).extract().asString();
        assertThat(none).contains("\"discount_amount\":0.00");
        // Every tier over: the package's price.
        send("catalog.packages", pkg.toString(), snapshot(pkg, 2, "1200.00", "[" + past + "]"));
        await(() -> PromoFixtures.count(pool, "SELECT version FROM known_packages WHERE package_id = $1", pkg) == 2);
        validate(event, UUID.randomUUID(), "TIERED", pkg, 2).statusCode(200).body("discount_amount", equalTo(480.00f));
        // A snapshot without price_tiers (written before the sales rules) has none.
        send("catalog.packages", pkg.toString(), snapshot(pkg, 3, "900.00", "[" + ahead + "]"));
        send("catalog.packages", pkg.toString(), snapshot(pkg, 4, "900.00", false));
        await(() -> PromoFixtures.count(pool, "SELECT version FROM known_packages WHERE package_id = $1", pkg) == 4);
        assertThat(PromoFixtures.count(pool,
                "SELECT jsonb_array_length(price_tiers) FROM known_packages WHERE package_id = $1", pkg)).isZero();
        validate(event, UUID.randomUUID(), "TIERED", pkg, 1).statusCode(200).body("discount_amount", equalTo(180.00f));
    }

    @Test
    void confirmsARedemptionWhenItsSaleArrives() throws Exception {
        UUID pkg = UUID.randomUUID();
        UUID promo = createCode(event, Map.of("code", "SOLD", "discount_type", "fixed_amount", "discount_value", 5));
        UUID purchase = UUID.randomUUID();
        redeem(event, purchase, UUID.randomUUID(), "SOLD", pkg, "20.00").statusCode(201);
        send("purchase.sales", pkg.toString(), "{\"message_id\":\"" + UUID.randomUUID()
                + "\",\"event_type\":\"ticket_sold\",\"purchase_id\":\"" + purchase + "\",\"event_id\":\"" + event
                + "\",\"package_id\":\"" + pkg + "\",\"quantity\":1,\"tickets\":[],\"total_price\":15.00,"
                + "\"sold_count_after\":1,\"inventory_version\":1,\"occurred_at\":\"2026-11-24T10:15:30.123Z\"}");
        await(() -> "confirmed".equals(applicationStatus(pool, purchase)));
        // A confirmed sale is never released, neither by purchase-service nor by reconciliation.
        io.restassured.RestAssured.given().auth().oauth2(PromoFixtures.serviceToken())
                .delete("/internal/v1/redemptions/" + purchase).then().statusCode(204);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
    }

    @Test
    void countsAUseAgainWhenItsSaleArrivesAfterReconciliationReleasedIt() throws Exception {
        UUID pkg = UUID.randomUUID();
        UUID promo = createCode(event, Map.of("code", "LATE", "discount_type", "fixed_amount", "discount_value", 5));
        UUID purchase = UUID.randomUUID();
        redeem(event, purchase, UUID.randomUUID(), "LATE", pkg, "20.00").statusCode(201);
        // As if Kafka had been down longer than the reconciliation age: the use was released meanwhile.
        io.restassured.RestAssured.given().auth().oauth2(PromoFixtures.serviceToken())
                .delete("/internal/v1/redemptions/" + purchase).then().statusCode(204);
        assertThat(currentUses(pool, promo)).isZero();
        send("purchase.sales", pkg.toString(), "{\"message_id\":\"" + UUID.randomUUID()
                + "\",\"event_type\":\"ticket_sold\",\"purchase_id\":\"" + purchase + "\",\"event_id\":\"" + event
                + "\",\"package_id\":\"" + pkg + "\",\"quantity\":1,\"tickets\":1,\"total_price\":15.00,"
                + "\"sold_count_after\":1,\"inventory_version\":1,\"occurred_at\":\"2026-11-24T10:15:30.123Z\"}");
        await(() -> "confirmed".equals(applicationStatus(pool, purchase)));
        assertThat(currentUses(pool, promo)).as("the sale happened, so its use counts").isEqualTo(1);
    }

    @Test
    void aConfirmationThatMeetsADatabaseRestartIsRetriedNotDeadLettered() throws Exception {
        UUID pkg = UUID.randomUUID();
        UUID promo = createCode(event, Map.of("code", "BLINK", "discount_type", "fixed_amount", "discount_value", 5));
        UUID purchase = UUID.randomUUID();
        redeem(event, purchase, UUID.randomUUID(), "BLINK", pkg, "20.00").statusCode(201);
        try (FailingTrigger restart = FailingTrigger.on(sql -> pool.query(sql).execute().await().indefinitely(),
                "promo_code_applications", "NEW.purchase_id = '" + purchase + "'")) {
            send("purchase.sales", pkg.toString(), sale(purchase, pkg));
            Thread.sleep(3_000); // attempts fail meanwhile (the client waits out 57P01: attempt-timeout)
            assertThat(applicationStatus(pool, purchase)).isEqualTo("redeemed");
        }
        await(() -> "confirmed".equals(applicationStatus(pool, purchase)));
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(Kafka.recordsMentioning("purchase.sales.dlq", purchase.toString(), Duration.ofSeconds(2)))
                .as("nothing dead-lettered").isEmpty();
    }
}
