package org.fundrbolt.tickets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.fundrbolt.tickets.catalog.service.SalesReconciler;
import org.fundrbolt.tickets.catalog.service.SalesService;
import org.fundrbolt.tickets.platform.testing.Eventually;
import org.fundrbolt.tickets.platform.testing.FailingTrigger;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/** Snapshots out through the outbox, sales and images in from Kafka, and the live sales stream. */
@QuarkusTest
class EventsTests {

    private final Api api = new Api();

    @Inject
    Pool pool;

    @Inject
    SalesReconciler reconciler;

    @Inject
    SalesService salesService;

    @Inject
    RedisDataSource redis;

    @Test
    void publishesAFullSnapshotForEveryChange() {
        try (KafkaConsumer<String, String> consumer = Kafka.fromNow("catalog.packages")) {
            UUID id = api.create(Map.of("name", "Gala", "price", new BigDecimal("150.5"), "seats_per_package", 8,
                    "fair_market_value", 40));
            api.as().body(Map.of("label", "Meal", "option_type", "single_select", "choices", List.of("Fish", "Veg")))
                    .post(api.options(id)).then().statusCode(201);
            api.as().body("{\"is_enabled\":false}").patch(api.pkg(id)).then().statusCode(200);
            api.as().delete(api.pkg(id)).then().statusCode(204);
            List<JsonObject> snapshots = collect(consumer, id.toString(), 4);
            assertThat(snapshots).extracting(s -> s.getLong("version")).containsExactly(1L, 2L, 3L, 4L);
            JsonObject withOption = snapshots.get(1);
            assertThat(withOption.getString("event_type")).isEqualTo("package_snapshot");
            assertThat(withOption.getString("event_id")).isEqualTo(api.event.toString());
            assertThat(withOption.getString("package_id")).isEqualTo(id.toString());
            assertThat(withOption.getString("message_id")).isNotBlank();
            assertThat(withOption.getBoolean("deleted")).isFalse();
            assertThat(withOption.getValue("price").toString()).isEqualTo("150.50");
            assertThat(withOption.getInteger("seats_per_package")).isEqualTo(8);
            assertThat(withOption.getValue("fair_market_value").toString()).isEqualTo("40.00");
            assertThat(withOption.getBoolean("is_enabled")).isTrue();
            assertThat(withOption.containsKey("quantity_limit")).isTrue();
            assertThat(withOption.containsKey("description")).isTrue();
            assertThat(withOption.getInteger("display_order")).isZero();
            assertThat(withOption.getString("occurred_at")).matches(".*T.*\\.\\d{3}Z");
            JsonObject option = withOption.getJsonArray("custom_options").getJsonObject(0);
            assertThat(option.fieldNames()).containsExactlyInAnyOrder("id", "label", "option_type", "choices",
                    "is_required", "display_order", "max_length");
            assertThat(snapshots.get(2).getBoolean("is_enabled")).isFalse();
            assertThat(snapshots.get(3).getBoolean("deleted")).isTrue();
        }
    }

    @Test
    void snapshotsCarryTheSalesRules() {
        try (KafkaConsumer<String, String> consumer = Kafka.fromNow("catalog.packages")) {
            UUID plain = api.create("Plain", "10");
            UUID ruled = api.create(Map.of("name", "Ruled", "price", 150, "sales_start_at", "2026-11-01T12:00:00+02:00",
                    "sales_end_at", "2026-12-31T10:00:00Z", "min_per_order", 2, "max_per_order", 10, "visibility",
                    "hidden", "price_tiers", List.of(Map.of("label", "Early bird", "price", 100, "ends_at",
                            "2026-12-04T10:00:00Z"))));
            api.as().body("{\"visibility\":\"public\"}").patch(api.pkg(ruled)).then().statusCode(200);
            // one read for both packages: a read for one key passes over the other's records
            List<JsonObject> all = Kafka.collect(consumer, record -> record.key().equals(plain.toString())
                    || record.key().equals(ruled.toString()), 3, Duration.ofSeconds(15)).stream()
                    .map(record -> new JsonObject(record.value())).toList();
            JsonObject defaults = all.stream().filter(s -> s.getString("package_id").equals(plain.toString()))
                    .findFirst().orElseThrow();
            assertThat(defaults.containsKey("sales_start_at")).isTrue();
            assertThat(defaults.getValue("sales_start_at")).isNull();
            assertThat(defaults.containsKey("sales_end_at")).isTrue();
            assertThat(defaults.getValue("sales_end_at")).isNull();
            assertThat(defaults.getInteger("min_per_order")).isEqualTo(1);
            assertThat(defaults.getInteger("max_per_order")).isEqualTo(100);
            assertThat(defaults.getString("visibility")).isEqualTo("public");
            assertThat(defaults.getJsonArray("price_tiers")).isEmpty();
            List<JsonObject> snapshots = all.stream()
                    .filter(s -> s.getString("package_id").equals(ruled.toString())).toList();
            assertThat(snapshots).hasSize(2);
            JsonObject first = snapshots.get(0);
            assertThat(first.getString("sales_start_at")).isEqualTo("2026-11-01T10:00:00.000Z");
            assertThat(first.getString("sales_end_at")).isEqualTo("2026-12-31T10:00:00.000Z");
            assertThat(first.getInteger("min_per_order")).isEqualTo(2);
            assertThat(first.getInteger("max_per_order")).isEqualTo(10);
            assertThat(first.getString("visibility")).isEqualTo("hidden");
            JsonObject tier = first.getJsonArray("price_tiers").getJsonObject(0);
            assertThat(tier.fieldNames()).containsExactlyInAnyOrder("label", "price", "ends_at");
            assertThat(tier.getString("label")).isEqualTo("Early bird");
            assertThat(tier.getValue("price").toString()).isEqualTo("100.00");
            assertThat(tier.getString("ends_at")).isEqualTo("2026-12-04T10:00:00.000Z");
            // a change of a sales rule alone is a new version with a new snapshot
            assertThat(snapshots.get(1).getLong("version")).isEqualTo(2L);
            assertThat(snapshots.get(1).getString("visibility")).isEqualTo("public");
            assertThat(snapshots.get(1).getJsonArray("price_tiers")).hasSize(1);
        }
    }

    @Test
    void projectsSalesOnceEachAndNeverBackwards() {
        UUID id = api.create(Map.of("name", "Table", "price", 150, "quantity_limit", 10, "seats_per_package", 2));
        UUID other = api.create("Single", "20");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // The later sale arrives first, the earlier one twice.
        send(sale(second, id, 3, 6, "450.00", 5));
        send(sale(first, id, 2, 4, "300.00", 2));
        send(sale(first, id, 2, 4, "300.00", 2));
        send("{not json");
        Eventually.value(() -> api.as().get(api.pkg(id)).then().extract().<Integer>path("sold_count"), n -> n == 5,
                Duration.ofSeconds(60));
        api.as().get(api.pkg(id)).then().body("available", equalTo(5));
        Eventually.value(() -> api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then()
                .statusCode(200).extract().asString(), body -> body.contains("\"total_revenue\":750.00"),
                Duration.ofSeconds(60));
        var sales = api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then().statusCode(200)
                .body("event_id", equalTo(api.event.toString())).body("total_sold", equalTo(5))
                .body("total_tickets", equalTo(10)).body("packages.size()", equalTo(2))
                .body("packages[0].package_id", equalTo(id.toString())).body("packages[0].name", equalTo("Table"))
                .body("packages[0].sold_count", equalTo(5)).body("packages[0].quantity_limit", equalTo(10))
                .body("packages[1].package_id", equalTo(other.toString())).body("packages[1].sold_count", equalTo(0))
                .extract().asString();
        assertThat(sales).contains("\"revenue\":750.00").contains("\"updated_at\"");
    }

    @Test
    void aMissedSaleIsRepairedFromCumulativeFiguresAndTheOwnersTruth() {
        UUID id = api.create(Map.of("name", "Gala seat", "price", 40, "quantity_limit", 10));
        send(cumulativeSale(UUID.randomUUID(), id, 2, "80.00", 2, 2, "80.00", 2));
        awaitRevenue("80.00");
        // The sales of versions 3 and 4 never arrive (a DLQ, a lost batch); the next event carries the truth.
        send(cumulativeSale(UUID.randomUUID(), id, 1, "40.00", 5, 5, "200.00", 5));
        awaitRevenue("200.00");
        api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then().body("total_sold", equalTo(5))
                .body("total_tickets", equalTo(5));
        // A late older event changes nothing.
        send(cumulativeSale(UUID.randomUUID(), id, 1, "40.00", 3, 3, "120.00", 3));
        // Then a sale is lost and no later event comes (the package sells out): the reconciliation repairs it.
        PurchaseFake.figures(new JsonArray().add(new JsonObject().put("package_id", id.toString())
                .put("event_id", api.event.toString()).put("sold_count", 6).put("tickets_after", 6)
                .put("revenue_after", 240.00).put("inventory_version", 6).put("updated_at", "2026-11-24T10:15:30Z")));
        try {
            assertThat(reconciler.reconcile().await().atMost(Duration.ofSeconds(20))).contains(api.event);
            awaitRevenue("240.00");
            api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then().body("total_sold", equalTo(6))
                    .body("total_tickets", equalTo(6)).body("packages[0].sold_count", equalTo(6));
            assertThat(reconciler.reconcile().await().atMost(Duration.ofSeconds(20)))
                    .as("equal figures are left alone").doesNotContain(api.event);
        } finally {
            PurchaseFake.figures(new JsonArray());
        }
    }

    @Test
    void anOlderViewNeverReplacesANewerOneInRedis() {
        UUID id = api.create(Map.of("name", "Raced view", "price", 40, "quantity_limit", 10));
        send(cumulativeSale(UUID.randomUUID(), id, 2, "80.00", 2, 2, "80.00", 2));
        awaitRevenue("80.00");
        // Another replica meanwhile stored the view of a later sale (version 9): this replica's refresh, computed
        // from figures it read before that sale, must not overwrite it.
        String key = "sales:event:" + api.event;
        String newer = redis.value(String.class).get(key).replace("\"total_revenue\":80.00",
                "\"total_revenue\":360.00");
        redis.value(String.class).setex(key, 10, newer);
        redis.value(String.class).setex(key + ":version", 10, "9");
        salesService.refresh(api.event).await().atMost(Duration.ofSeconds(10));
        assertThat(redis.value(String.class).get(key)).as("the newer view stays").contains("\"total_revenue\":360.00");
        // A view at least as new is stored.
        redis.value(String.class).setex(key + ":version", 10, "2");
        salesService.refresh(api.event).await().atMost(Duration.ofSeconds(10));
        assertThat(redis.value(String.class).get(key)).contains("\"total_revenue\":80.00");
    }

    private void awaitRevenue(String revenue) {
        Eventually.value(() -> api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then()
                .statusCode(200).extract().asString(), body -> body.contains("\"total_revenue\":" + revenue),
                Duration.ofSeconds(60));
    }

    private String cumulativeSale(UUID purchase, UUID packageId, int quantity, String total, int soldAfter,
            long ticketsAfter, String revenueAfter, long version) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"ticket_sold\",\"purchase_id\":\""
                + purchase + "\",\"event_id\":\"" + api.event + "\",\"package_id\":\"" + packageId + "\",\"quantity\":"
                + quantity + ",\"tickets\":" + quantity + ",\"total_price\":" + total + ",\"sold_count_after\":"
                + soldAfter + ",\"inventory_version\":" + version + ",\"revenue_after\":" + revenueAfter
                + ",\"tickets_after\":" + ticketsAfter + ",\"occurred_at\":\"2026-11-24T10:15:30.123Z\"}";
    }

    @Test
    void aSaleThatMeetsADatabaseRestartIsRetriedUntilTheFiguresArrive() throws Exception {
        UUID id = api.create("Blink", "40");
        UUID purchase = UUID.randomUUID();
        try (FailingTrigger restart = FailingTrigger.on(sql -> pool.query(sql).execute().await().indefinitely(),
                "sales_projection_purchases", "NEW.purchase_id = '" + purchase + "'")) {
            send(sale(purchase, id, 2, 2, "80.00", 2));
            Thread.sleep(3_000); // attempts fail meanwhile
            api.as().get(api.pkg(id)).then().body("sold_count", equalTo(0));
        }
        Eventually.value(() -> api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then()
                .statusCode(200).extract().asString(), body -> body.contains("\"total_revenue\":80.00"),
                Duration.ofSeconds(60));
        api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then().body("total_sold", equalTo(2))
                .body("total_tickets", equalTo(2));
        assertThat(Kafka.recordsMentioning("purchase.sales.dlq", purchase.toString(), Duration.ofSeconds(2)))
                .as("nothing dead-lettered").isEmpty();
    }

    /** The event's SSE stream, read line by line on a daemon thread until closed. */
    private final class SalesStream implements AutoCloseable {

        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> opened;
        final AtomicBoolean ended = new AtomicBoolean();
        private final Thread reader;

        SalesStream() throws Exception {
            String token = Tokens.coordinator(api.event);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                    + "/api/v1/admin/events/" + api.event + "/tickets/sales/stream?access_token=" + token)).GET()
                    .build();
            opened = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            reader = new Thread(() -> {
                opened.body().forEach(lines::add);
                ended.set(true);
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next figures that show {@code sold} tickets sold, waiting up to 40 s for each. */
        String awaitSold(int sold) throws InterruptedException {
            String update = nextSalesData(lines, 40);
            while (!update.contains("\"total_sold\":" + sold)) {
                update = nextSalesData(lines, 40);
            }
            return update;
        }

        @Override
        public void close() {
            reader.interrupt();
            opened.body().close();
        }
    }

    @Test
    void salesStreamPushesFreshFiguresAfterASale() throws Exception {
        UUID id = api.create("Gala", "100");
        try (SalesStream stream = new SalesStream()) {
            assertThat(stream.opened.statusCode()).isEqualTo(200);
            assertThat(stream.opened.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(nextSalesData(stream.lines, 10)).contains("\"total_sold\":0");
            send(sale(UUID.randomUUID(), id, 3, 3, "300.00", 3));
            // The first sale may wait for this JVM's consumer to join its group (up to the broker's session
            // timeout when an earlier test JVM left without saying so); the latency itself is a benchmark.
            assertThat(stream.awaitSold(3)).contains("\"package_id\":\"" + id + "\"");
        }
    }

    @Test
    void salesStreamSurvivesABurstOfChangeNoticesWhileAReadIsInFlight() throws Exception {
        UUID id = api.create("Burst", "10");
        try (SalesStream stream = new SalesStream()) {
            assertThat(nextSalesData(stream.lines, 10)).contains("\"total_sold\":0");
            // Every other replica's notices at once: each makes this stream read the figures again, and notices
            // keep arriving while a read is in flight (the subscriber has asked for nothing more meanwhile).
            var publisher = redis.pubsub(String.class);
            for (int i = 0; i < 500; i++) {
                publisher.publish(SalesService.CHANNEL, api.event.toString());
            }
            send(cumulativeSale(UUID.randomUUID(), id, 2, "20.00", 2, 2, "20.00", 2));
            stream.awaitSold(2);
            assertThat(stream.ended.get()).as("the stream is still open after the burst").isFalse();
        }
    }

    @Test
    void salesStreamComesBackAfterRedisDropsTheSubscription() throws Exception {
        UUID id = api.create("Dropped", "10");
        try (SalesStream stream = new SalesStream()) {
            assertThat(nextSalesData(stream.lines, 10)).contains("\"total_sold\":0");
            // What a Redis restart or failover does to the subscription: its connection closes, and the client
            // neither fails nor completes the subscription; it only stops delivering.
            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
            send(cumulativeSale(UUID.randomUUID(), id, 4, "40.00", 4, 4, "40.00", 4));
            // The watchdog's probe (1 s in tests) does not come back: the feed subscribes again and has every stream
            // read its figures once more, so the sale whose notice was lost shows too.
            assertThat(stream.awaitSold(4)).contains("\"package_id\":\"" + id + "\"");
        }
    }

    @Test
    void streamRequiresAToken() {
        RestAssured.given().get("/api/v1/admin/events/" + api.event + "/tickets/sales/stream").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void imageEventsSetTheImageWithoutBumpingTheVersion() {
        UUID id = api.create("Gala", "100");
        String url = "http://localhost:8080/images/" + api.event + "/" + id + "/a.png";
        Kafka.send("media.images", id.toString(), new JsonObject()
                .put("message_id", UUID.randomUUID().toString()).put("package_id", id.toString())
                .put("event_id", api.event.toString()).put("image_url", url).put("version", 2)
                .put("occurred_at", "2026-11-24T10:15:30.123Z").encode());
        Kafka.send("media.images", id.toString(), new JsonObject()
                .put("message_id", UUID.randomUUID().toString()).put("package_id", id.toString())
                .put("event_id", api.event.toString()).putNull("image_url").put("version", 1)
                .put("occurred_at", "2026-11-24T10:15:29.123Z").encode());
        Eventually.value(() -> api.as().get(api.pkg(id)).then().extract().<String>path("image_url"), url::equals,
                Duration.ofSeconds(60));
        api.as().get(api.pkg(id)).then().body("version", equalTo(1));
    }

    private static String nextSalesData(BlockingQueue<String> lines, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean inSales = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("event:sales") || line.equals("event: sales")) {
                inSales = true;
            } else if (inSales && line.startsWith("data:")) {
                return line.substring(5).trim();
            }
        }
        throw new AssertionError("No sales event within " + seconds + " s; lines left: " + lines);
    }

    private String sale(UUID purchase, UUID packageId, int quantity, int tickets, String total, int soldAfter) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"ticket_sold\",\"purchase_id\":\""
                + purchase + "\",\"event_id\":\"" + api.event + "\",\"package_id\":\"" + packageId + "\",\"quantity\":"
                + quantity + ",\"tickets\":" + tickets + ",\"total_price\":" + total + ",\"sold_count_after\":"
                + soldAfter + ",\"inventory_version\":" + soldAfter + ",\"occurred_at\":\"2026-11-24T10:15:30.123Z\","
                + "\"future_field\":true}";
    }

    private static void send(String value) {
        Kafka.send("purchase.sales", null, value);
    }

    private static List<JsonObject> collect(KafkaConsumer<String, String> consumer, String key, int count) {
        List<JsonObject> found = Kafka.collect(consumer, record -> key.equals(record.key()), count,
                Duration.ofSeconds(15)).stream().map(record -> new JsonObject(record.value())).toList();
        assertThat(found).as("snapshots for " + key).hasSize(count);
        return found;
    }
}
