package org.fundrbolt.tickets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.catalog.service.SalesReconciler;
import org.fundrbolt.tickets.platform.testing.Eventually;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * API.md, "Order lifecycle": cancellations lower the sold count, and refunds, donations and cancelled seats show
 * in the sales view; a package's figures are ordered by inventory_version only, in the projection as in the
 * reconciliation; events of older shapes still count.
 */
@QuarkusTest
class SalesLifecycleTests {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final Api api = new Api();

    @Inject
    Pool pool;

    @Inject
    SalesReconciler reconciler;

    @Test
    void aCancellationLowersTheSoldCountAndShowsRefundsDonationsAndCancelledSeats() throws Exception {
        UUID id = api
                .create(Map.of("name", "Table for two", "price", 100, "quantity_limit", 10, "seats_per_package", 2));
        UUID other = api.create("Single", "20");
        UUID purchase = UUID.randomUUID();
        try (Stream<String> stream = openStream()) {
            BlockingQueue<String> lines = read(stream);
            // Two tables (4 seats) for 200.00 and a gift of 30.00.
            send(id, sold(purchase, id, 2, 4, "230.00", "30.00", 2, 1)
                    .put("revenue_after", new BigDecimal("230.00")).put("tickets_after", 4)
                    .put("refunded_after", new BigDecimal("0.00")).put("donations_after", new BigDecimal("30.00"))
                    .put("cancelled_tickets_after", 0));
            awaitSales(body -> body.getLong("total_tickets") == 4);
            // Two of the four seats cancelled: one table comes back, 100.00 refunded, the gift stays.
            send(id, cancelled(purchase, id, 2, 1, "100.00", false, 1, 2).put("revenue_after", new BigDecimal("130.00"))
                    .put("tickets_after", 2).put("refunded_after", new BigDecimal("100.00"))
                    .put("donations_after", new BigDecimal("30.00")).put("cancelled_tickets_after", 2));
            awaitSales(body -> body.getLong("total_cancelled_tickets") == 2);

            String json = sales().body("total_sold", equalTo(1)).body("total_tickets", equalTo(2))
                    .body("total_cancelled_tickets", equalTo(2)).body("packages[0].package_id", equalTo(id.toString()))
                    .body("packages[0].sold_count", equalTo(1)).body("packages[0].cancelled_tickets", equalTo(2))
                    .body("packages[1].package_id", equalTo(other.toString()))
                    .body("packages[1].sold_count", equalTo(0)).body("packages[1].cancelled_tickets", equalTo(0))
                    .extract().asString();
            assertThat(json).contains("\"total_revenue\":130.00", "\"total_refunded\":100.00",
                    "\"total_donations\":30.00", "\"revenue\":130.00", "\"refunded\":100.00", "\"donations\":30.00",
                    "\"refunded\":0.00", "\"donations\":0.00");
            api.as().get(api.pkg(id)).then().body("sold_count", equalTo(1)).body("available", equalTo(9));

            // The live stream pushes the same figures, the lower sold count included.
            String pushed = nextSalesData(lines);
            while (!pushed.contains("\"total_cancelled_tickets\":2")) {
                pushed = nextSalesData(lines);
            }
            assertThat(pushed).contains("\"total_sold\":1", "\"total_refunded\":100.00", "\"total_donations\":30.00",
                    "\"cancelled_tickets\":2");
        }
    }

    @Test
    void aCancellationBeforeAnOlderSaleKeepsTheNewerFigures() {
        UUID id = api.create(Map.of("name", "Raced", "price", 40, "quantity_limit", 10));
        UUID purchase = UUID.randomUUID();
        // Sales of one seat each at versions 1 and 2, the second cancelled at version 3 (sold count 2 → 1). Version 3
        // arrives first: the larger sold count and revenue of the older events must not win.
        send(id, cancelled(purchase, id, 1, 1, "40.00", true, 1, 3).put("revenue_after", new BigDecimal("40.00"))
                .put("tickets_after", 1).put("refunded_after", new BigDecimal("40.00"))
                .put("donations_after", new BigDecimal("0.00")).put("cancelled_tickets_after", 1));
        awaitSales(body -> body.getLong("total_cancelled_tickets") == 1);
        send(id, sold(purchase, id, 1, 1, "40.00", "0.00", 2, 2).put("revenue_after", new BigDecimal("80.00"))
                .put("tickets_after", 2).put("refunded_after", new BigDecimal("0.00"))
                .put("donations_after", new BigDecimal("0.00")).put("cancelled_tickets_after", 0));
        // The first sale (version 1), of the oldest shape (no cumulative figures): already counted in version 3's.
        send(id, sold(UUID.randomUUID(), id, 1, 1, "40.00", null, 1, 1));
        awaitMarkerAfter(id);

        String json = sales().body("total_sold", equalTo(1)).body("total_tickets", equalTo(1))
                .body("total_cancelled_tickets", equalTo(1)).body("packages[0].sold_count", equalTo(1)).extract()
                .asString();
        assertThat(json).contains("\"total_revenue\":40.00", "\"total_refunded\":40.00");
        api.as().get(api.pkg(id)).then().body("sold_count", equalTo(1));
    }

    @Test
    void eventsOfOlderShapesStillCountAndKeepWhatTheyDoNotState() {
        UUID id = api.create(Map.of("name", "Mixed", "price", 40, "quantity_limit", 20));
        UUID first = UUID.randomUUID();
        // A producer from before cancellations: cumulative sold, seats and revenue only.
        send(id, sold(first, id, 2, 2, "80.00", null, 2, 2).put("revenue_after", new BigDecimal("80.00"))
                .put("tickets_after", 2));
        awaitSales(body -> body.getLong("total_tickets") == 2);
        sales().body("total_sold", equalTo(2)).body("total_cancelled_tickets", equalTo(0));
        // A cancellation with every figure, then a sale again without the new ones: refunds, donations and
        // cancelled seats keep the values stated last.
        send(id, cancelled(first, id, 1, 1, "40.00", false, 1, 3).put("revenue_after", new BigDecimal("40.00"))
                .put("tickets_after", 1).put("refunded_after", new BigDecimal("40.00"))
                .put("donations_after", new BigDecimal("0.00")).put("cancelled_tickets_after", 1));
        send(id, sold(UUID.randomUUID(), id, 1, 1, "55.00", null, 2, 4).put("revenue_after", new BigDecimal("95.00"))
                .put("tickets_after", 2));
        awaitSales(body -> body.getLong("total_tickets") == 2 && body.getLong("total_sold") == 2
                && body.getLong("total_cancelled_tickets") == 1);
        // The oldest shape (no cumulative figures at all): a sale of version 5 adds itself; a replay of the one
        // of version 2, already in the figures of version 4, adds nothing.
        UUID fifth = UUID.randomUUID();
        send(id, sold(fifth, id, 3, 3, "120.00", null, 5, 5));
        send(id, sold(first, id, 2, 2, "80.00", null, 2, 2));
        awaitMarkerAfter(id);

        String json = sales().body("total_sold", equalTo(5)).body("total_tickets", equalTo(5))
                .body("total_cancelled_tickets", equalTo(1)).extract().asString();
        assertThat(json).contains("\"total_revenue\":215.00", "\"total_refunded\":40.00", "\"total_donations\":0.00");
    }

    @Test
    void theReconciliationHealsAMissedCancellation() {
        UUID id = api.create(Map.of("name", "Healed", "price", 50, "quantity_limit", 10));
        UUID older = api.create(Map.of("name", "From an older purchase-service", "price", 10));
        UUID behind = api.create(Map.of("name", "Behind", "price", 10));
        UUID purchase = UUID.randomUUID();
        send(id, sold(purchase, id, 3, 3, "170.00", "20.00", 3, 1).put("revenue_after", new BigDecimal("170.00"))
                .put("tickets_after", 3).put("refunded_after", new BigDecimal("0.00"))
                .put("donations_after", new BigDecimal("20.00")).put("cancelled_tickets_after", 0));
        send(older, sold(UUID.randomUUID(), older, 1, 1, "10.00", null, 1, 1).put("revenue_after",
                new BigDecimal("10.00")).put("tickets_after", 1).put("refunded_after", new BigDecimal("0.00"))
                .put("donations_after", new BigDecimal("5.00")).put("cancelled_tickets_after", 0));
        send(behind, sold(UUID.randomUUID(), behind, 2, 2, "20.00", null, 2, 4).put("revenue_after",
                new BigDecimal("20.00")).put("tickets_after", 2).put("refunded_after", new BigDecimal("0.00"))
                .put("donations_after", new BigDecimal("0.00")).put("cancelled_tickets_after", 0));
        awaitSales(body -> body.getLong("total_tickets") == 6);
        // The cancellation of two seats (version 2) never arrives; purchase-service's rows state it. The second row,
        // a missed sale, comes from a purchase-service without the new figures (the donations stay as they are);
        // the third is older than the view (version 3 < 4) though its sold count is larger: it changes nothing.
        // An unknown field is ignored.
        PurchaseFake.figures(new JsonArray()
                .add(figures(id, 1, 1, "70.00", 2).put("refunded_after", 100.00).put("donations_after", 20.00)
                        .put("cancelled_tickets_after", 2).put("some_future_figure", 7))
                .add(figures(older, 2, 2, "20.00", 2))
                .add(figures(behind, 9, 9, "90.00", 3).put("refunded_after", 0.00).put("donations_after", 0.00)
                        .put("cancelled_tickets_after", 0)));
        try {
            reconciler.reconcile().await().atMost(Duration.ofSeconds(20));
            awaitSales(body -> body.getLong("total_cancelled_tickets") == 2);
            String json = sales().body("total_sold", equalTo(5)).body("total_tickets", equalTo(5))
                    .body("packages[0].sold_count", equalTo(1)).body("packages[0].cancelled_tickets", equalTo(2))
                    .body("packages[1].sold_count", equalTo(2)).body("packages[2].sold_count", equalTo(2)).extract()
                    .asString();
            assertThat(json).contains("\"total_revenue\":110.00", "\"total_refunded\":100.00",
                    "\"total_donations\":25.00", "\"revenue\":70.00", "\"refunded\":100.00", "\"donations\":5.00");
            api.as().get(api.pkg(id)).then().body("sold_count", equalTo(1));
            assertThat(reconciler.reconcile().await().atMost(Duration.ofSeconds(20)))
                    .as("equal or older figures are left alone").doesNotContain(api.event);
        } finally {
            PurchaseFake.figures(new JsonArray());
        }
    }

    @Test
    void theApiDocumentDescribesTheViewAsItIsSent() {
        JsonObject schemas = new JsonObject(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString()).getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.getJsonObject("SalesView").getJsonObject("properties").fieldNames()).contains("total_sold",
                "total_tickets", "total_revenue", "total_refunded", "total_donations", "total_cancelled_tickets",
                "packages");
        assertThat(schemas.getJsonObject("PackageFigures").getJsonObject("properties").fieldNames()).contains(
                "package_id", "sold_count", "quantity_limit", "revenue", "refunded", "donations", "cancelled_tickets");
    }

    private JsonObject figures(UUID packageId, int sold, long tickets, String revenue, long version) {
        return new JsonObject().put("package_id", packageId.toString()).put("event_id", api.event.toString())
                .put("sold_count", sold).put("tickets_after", tickets).put("revenue_after", new BigDecimal(revenue))
                .put("inventory_version", version).put("updated_at", "2026-11-24T10:15:30Z");
    }

    /** A ticket_sold with its own fields and sold_count_after; a null donation leaves the field out. */
    private JsonObject sold(UUID purchase, UUID packageId, int quantity, int tickets, String total, String donation,
            int soldAfter, long version) {
        JsonObject event = event("ticket_sold", purchase, packageId, soldAfter, version).put("quantity", quantity)
                .put("tickets", tickets).put("total_price", new BigDecimal(total)).putNull("promo_id");
        return donation == null ? event : event.put("donation_amount", new BigDecimal(donation));
    }

    private JsonObject cancelled(UUID purchase, UUID packageId, int seats, int packagesReturned, String refund,
            boolean purchaseCancelled, int soldAfter, long version) {
        return event("tickets_cancelled", purchase, packageId, soldAfter, version)
                .put("cancellation_id", UUID.randomUUID().toString()).put("tickets_cancelled", seats)
                .put("packages_returned", packagesReturned).put("refund_amount", new BigDecimal(refund))
                .put("purchase_cancelled", purchaseCancelled).putNull("promo_id")
                .put("donor_id", UUID.randomUUID().toString());
    }

    private JsonObject event(String type, UUID purchase, UUID packageId, int soldAfter, long version) {
        return new JsonObject().put("message_id", UUID.randomUUID().toString()).put("event_type", type)
                .put("purchase_id", purchase.toString()).put("event_id", api.event.toString())
                .put("package_id", packageId.toString()).put("sold_count_after", soldAfter)
                .put("inventory_version", version).put("occurred_at", "2026-11-24T10:15:30.123Z");
    }

    /** Keyed by package id, as purchase-service sends them: one partition, so in the order sent. */
    private static void send(UUID packageId, JsonObject event) {
        Kafka.send("purchase.sales", packageId.toString(), event.encode());
    }

    /**
     * Waits until everything sent for this package so far has been applied: a sale of a package of another event,
     * sent on the same key (so the same partition, behind them), shows in the projection.
     */
    private void awaitMarkerAfter(UUID packageId) {
        UUID marker = UUID.randomUUID();
        Kafka.send("purchase.sales", packageId.toString(), new JsonObject()
                .put("message_id", UUID.randomUUID().toString()).put("event_type", "ticket_sold")
                .put("purchase_id", UUID.randomUUID().toString()).put("event_id", UUID.randomUUID().toString())
                .put("package_id", marker.toString()).put("quantity", 1).put("tickets", 1).put("total_price", 1)
                .put("sold_count_after", 1).put("inventory_version", 1).put("revenue_after", 1).put("tickets_after", 1)
                .encode());
        Eventually.value(() -> pool.preparedQuery("SELECT 1 FROM sales_projection WHERE package_id = $1")
                .execute(Tuple.of(marker)).await().atMost(Duration.ofSeconds(5)).size(), n -> n == 1, WITHIN);
    }

    private ValidatableResponse sales() {
        return api.as().get("/api/v1/admin/events/" + api.event + "/tickets/sales").then().statusCode(200)
                .body("event_id", equalTo(api.event.toString()));
    }

    private void awaitSales(java.util.function.Predicate<JsonObject> done) {
        Eventually.value(() -> new JsonObject(sales().extract().asString()), done, WITHIN);
    }

    private Stream<String> openStream() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/admin/events/" + api.event + "/tickets/sales/stream?access_token="
                + Tokens.coordinator(api.event))).GET().build();
        HttpResponse<Stream<String>> opened = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(opened.statusCode()).isEqualTo(200);
        return opened.body();
    }

    private static BlockingQueue<String> read(Stream<String> stream) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                stream.forEach(lines::add);
            } catch (java.io.UncheckedIOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String nextSalesData(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
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
        throw new AssertionError("No sales event within 40 s; lines left: " + lines);
    }
}
