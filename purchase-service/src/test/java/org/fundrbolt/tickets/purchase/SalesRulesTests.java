package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * API.md, "Sales rules", as purchase-service decides them: the window and the price tier are judged at the claim's
 * instant (the purchase's created_at), the quantity per order at checkout and for coordinator orders, and a hidden
 * package does not exist without a code that unlocks it.
 */
@QuarkusTest
class SalesRulesTests extends SaleFixture {

    private static final String OPTION_LABEL = "Meal";

    @TestHTTPResource("/")
    URI checkout;

    private UUID withRules(String price, Integer limit, JsonObject rules) {
        JsonObject snapshot = CatalogFeed.snapshot(event, UUID.randomUUID(), price, limit, 1);
        rules.forEach(field -> snapshot.put(field.getKey(), field.getValue()));
        return published(snapshot);
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private Response order(UUID packageId, int quantity, String payment) {
        JsonObject body = new JsonObject().put("package_id", packageId.toString()).put("quantity", quantity)
                .put("payment", payment);
        return given().auth().oauth2(Tokens.coordinator(event)).contentType("application/json").body(body.encode())
                .post("/api/v1/admin/events/" + event + "/tickets/purchases");
    }

    @Test
    void opensAndClosesByItselfAtTheWindowsBounds() {
        Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        Instant end = start.plusSeconds(3);
        UUID packageId = withRules("40.00", null,
                new JsonObject().put("sales_start_at", at(start)).put("sales_end_at", at(end)));

        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(409).body("code", equalTo("not_on_sale"))
                .body("sales_start_at", equalTo(start.toString())).body("sales_end_at", equalTo(end.toString()));
        // No edit: the window opens on its own ...
        Response opened = until(start.plusSeconds(2), () -> buy(UUID.randomUUID(), packageId, 1, null, null), 201);
        assertThat(Instant.parse(opened.jsonPath().getString("created_at"))).isAfterOrEqualTo(start);
        // ... and closes on its own.
        Response closed = until(end.plusSeconds(2), () -> buy(UUID.randomUUID(), packageId, 1, null, null), 409);
        assertThat(closed.jsonPath().getString("code")).isEqualTo("not_on_sale");
        assertThat(Instant.now()).isAfterOrEqualTo(end);

        // Whatever was sold, was sold inside the window, by the claim's clock.
        for (Row row : rows("SELECT created_at FROM purchases WHERE package_id = $1", packageId)) {
            Instant created = row.getOffsetDateTime("created_at").toInstant();
            assertThat(created).isAfterOrEqualTo(start).isBefore(end);
        }
        assertThat(soldCount(packageId)).isEqualTo((int) purchasedQuantity(packageId)).isPositive();
    }

    @Test
    void aCoordinatorOrderIsNotBoundToTheWindowNorToVisibility() {
        UUID closed = withRules("40.00", null, new JsonObject()
                .put("sales_start_at", at(Instant.now().plus(Duration.ofDays(3)))).put("visibility", "hidden"));
        buy(UUID.randomUUID(), closed, 1, null, null).then().statusCode(404).body("code", equalTo("package_not_found"));
        order(closed, 2, "complimentary").then().statusCode(201).body("total_price", equalTo(0.0f));
        assertThat(soldCount(closed)).isEqualTo(2);
    }

    @Test
    void enforcesTheQuantityPerOrderAtCheckoutAndForCoordinatorOrders() {
        UUID pair = withRules("150.00", 20, new JsonObject().put("min_per_order", 2).put("max_per_order", 2));
        for (int quantity : new int[]{1, 3}) {
            buy(UUID.randomUUID(), pair, quantity, null, null).then().statusCode(422)
                    .body("code", equalTo("invalid_quantity")).body("min_per_order", equalTo(2))
                    .body("max_per_order", equalTo(2)).body("errors[0].field", equalTo("quantity"));
            order(pair, quantity, "offline").then().statusCode(422).body("code", equalTo("invalid_quantity"));
        }
        buy(UUID.randomUUID(), pair, 2, null, null).then().statusCode(201).body("base_price", equalTo(300.0f));
        order(pair, 2, "offline").then().statusCode(201).body("unit_price", equalTo(150.0f));
        assertThat(soldCount(pair)).isEqualTo(4);
        assertThat(purchasedQuantity(pair)).isEqualTo(4);
    }

    @Test
    void checksInTheDocumentedOrder() {
        UUID option = UUID.randomUUID();
        JsonArray options = new JsonArray().add(CatalogFeed.option(option, OPTION_LABEL, "single_select",
                List.of("Fish", "Beef"), true, 0));
        Instant later = Instant.now().plus(Duration.ofDays(2));
        JsonObject closedRules = new JsonObject().put("sales_start_at", at(later)).put("min_per_order", 2)
                .put("custom_options", options);
        UUID hiddenClosed = withRules("10.00", null, closedRules.copy().put("visibility", "hidden"));
        UUID publicClosed = withRules("10.00", null, closedRules.copy());
        UUID open = withRules("10.00", 1, new JsonObject().put("min_per_order", 2).put("custom_options", options));
        JsonArray wrongAnswer = new JsonArray().add(answer(option, "Tofu"));

        // package (hidden, no code) → on sale → quantity → options → stock
        buy(UUID.randomUUID(), hiddenClosed, 1, null, wrongAnswer).then().statusCode(404)
                .body("code", equalTo("package_not_found"));
        buy(UUID.randomUUID(), publicClosed, 1, null, wrongAnswer).then().statusCode(409)
                .body("code", equalTo("not_on_sale"));
        buy(UUID.randomUUID(), open, 1, null, wrongAnswer).then().statusCode(422)
                .body("code", equalTo("invalid_quantity"));
        buy(UUID.randomUUID(), open, 2, null, wrongAnswer).then().statusCode(422)
                .body("code", equalTo("invalid_option_response"));
        buy(UUID.randomUUID(), open, 2, null, new JsonArray().add(answer(option, "Fish"))).then().statusCode(409)
                .body("code", equalTo("sold_out"));
        assertThat(purchasedQuantity(hiddenClosed) + purchasedQuantity(publicClosed) + purchasedQuantity(open))
                .isZero();
    }

    @Test
    void aHiddenPackageWithoutAnUnlockingCodeDoesNotExist() {
        UUID hidden = withRules("500.00", 10, new JsonObject().put("visibility", "hidden"));
        buy(UUID.randomUUID(), hidden, 1, null, null).then().statusCode(404).body("code", equalTo("package_not_found"));
        assertThat(soldCount(hidden)).isZero();
    }

    /**
     * 200 buyers racing across the end of the early-bird tier: each pays the tier in force when their claim was
     * decided, which is their purchase's created_at. Buyers who arrived just before the end but were claimed after
     * it pay the regular price (a price fixed on arrival would fail this), and the package's revenue is what the
     * purchases add up to.
     */
    @Test
    void buyersRacingAcrossATiersEndPayTheTierInForceAtTheirClaim() throws Exception {

        // The buyers' tokens are minted ahead, and the race goes through a plain HTTP client: started at once from
        // many threads, REST Assured spends seconds in its own start-up and would miss the tier's end.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(Tokens.donor(UUID.randomUUID()));
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        // A first sale warms the service's sale path up (a cold JVM takes seconds over its first purchase).
        String warmUp = new JsonObject().put("package_id", packageOnSale("1.00", null, null).toString())
                .put("quantity", 1).encode();
        List<CompletableFuture<HttpResponse<String>>> warming = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warming.add(http.sendAsync(purchase(tokens.get(i), warmUp), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : warming) {
            assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        Instant earlyEnds = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        JsonArray tiers = new JsonArray()
                .add(new JsonObject().put("label", "Early bird").put("price", 80.00).put("ends_at", at(earlyEnds)))
                .add(new JsonObject().put("label", "Early-ish").put("price", 90.00)
                        .put("ends_at", at(earlyEnds.plusMillis(150))));
        UUID packageId = withRules("100.00", null, new JsonObject().put("price_tiers", tiers));
        assertThat(Instant.now()).as("the snapshot arrived in time for the race").isBefore(earlyEnds.minusSeconds(1));
        String body = new JsonObject().put("package_id", packageId.toString()).put("quantity", 2).encode();

        // Twenty crowds of ten, 50 ms apart, from 500 ms before the first tier's end to past the second's.
        Instant firstWave = earlyEnds.minusMillis(500);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int wave = 0; wave < 20; wave++) {
            sleep(Math.max(0, Duration.between(Instant.now(), firstWave.plusMillis(50L * wave)).toMillis()));
            for (int i = 0; i < 10; i++) {
                answers.add(http.sendAsync(purchase(tokens.get(wave * 10 + i), body),
                        HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }

        List<String> early = new ArrayList<>();
        List<String> regular = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Row row : rows("SELECT unit_price, base_price, total_price, created_at FROM purchases "
                + "WHERE package_id = $1", packageId)) {
            Instant created = row.getOffsetDateTime("created_at").toInstant();
            BigDecimal expected = created.isBefore(earlyEnds)
                    ? new BigDecimal("80.00")
                    : created.isBefore(earlyEnds.plusMillis(150)) ? new BigDecimal("90.00") : new BigDecimal("100.00");
            assertThat(row.getBigDecimal("unit_price")).as("price of a purchase created at %s", created)
                    .isEqualByComparingTo(expected);
            assertThat(row.getBigDecimal("base_price")).isEqualByComparingTo(expected.multiply(BigDecimal.valueOf(2)));
            (created.isBefore(earlyEnds) ? early : regular).add(created.toString());
            sum = sum.add(row.getBigDecimal("total_price"));
        }
        assertThat(early).as("sales before the tier's end at %s (after it: %s)", earlyEnds, regular).isNotEmpty();
        assertThat(regular).as("sales after the tier's end").isNotEmpty();
        BigDecimal revenue = rows("SELECT revenue FROM inventory WHERE package_id = $1", packageId).get(0)
                .getBigDecimal("revenue");
        assertThat(revenue).isEqualByComparingTo(sum);
    }

    @Test
    void anOfflineOrderWithoutItsOwnPriceIsChargedTheTierInForce() {
        JsonArray tiers = new JsonArray().add(new JsonObject().put("label", "Early bird").put("price", 75.50)
                .put("ends_at", at(Instant.now().plus(Duration.ofDays(1)))));
        UUID packageId = withRules("100.00", null, new JsonObject().put("price_tiers", tiers));
        order(packageId, 2, "offline").then().statusCode(201).body("unit_price", equalTo(75.5f))
                .body("base_price", equalTo(151.0f));
        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(201).body("unit_price", equalTo(75.5f));
    }

    private HttpRequest purchase(String token, String body) {
        return HttpRequest.newBuilder(checkout.resolve("/api/v1/events/" + event + "/tickets/purchase"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private List<Row> rows(String sql, UUID packageId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(packageId)).await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    /** Calls {@code call} until it answers {@code status}, at the latest until {@code deadline}. */
    private static Response until(Instant deadline, java.util.function.Supplier<Response> call, int status) {
        Response last = call.get();
        while (last.statusCode() != status && Instant.now().isBefore(deadline)) {
            sleep(100);
            last = call.get();
        }
        assertThat(last.statusCode()).as(last.asString()).isEqualTo(status);
        return last;
    }
}
