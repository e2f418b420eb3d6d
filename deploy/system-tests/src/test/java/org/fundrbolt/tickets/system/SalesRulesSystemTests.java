package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * API.md, "Sales rules", through the gateway against the running stack: windows that open and close by themselves
 * at the public list and at checkout, a presale package hidden but for the donors with its code (which may also
 * discount it), quantities per order at checkout and for coordinator orders, 200 buyers racing across an early-bird
 * price's end, and the audit of rule changes after sales.
 */
class SalesRulesSystemTests {

    private static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private String newPackage(String name, String price, Map<String, Object> rules) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "price", new BigDecimal(price)));
        body.putAll(rules);
        String id = given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        Await.until("package " + id + " in purchase's inventory", Duration.ofSeconds(15), () -> StackControl.query(
                "purchase", "select count(*) from inventory where enabled and package_id = '" + id + "'") == 1);
        return id;
    }

    private String newCode(Map<String, Object> body) {
        return given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201).extract()
                .path("id");
    }

    private Response buy(UUID donor, String packageId, int quantity, String code) {
        Map<String, Object> body = new HashMap<>(Map.of("package_id", packageId, "quantity", quantity));
        if (code != null) {
            body.put("promo_code", code);
        }
        return given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase");
    }

    private Response order(String packageId, int quantity) {
        return given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("package_id", packageId, "quantity", quantity, "payment", "offline"))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/purchases");
    }

    private JsonPath publicList(UUID donor, String code) {
        var request = given();
        if (donor != null) {
            request.auth().oauth2(SystemTokens.donor(donor));
        }
        if (code != null) {
            request.queryParam("code", code);
        }
        Response response = request.get(GATEWAY + "/api/v1/events/" + event + "/tickets/packages");
        response.then().statusCode(200);
        return response.jsonPath();
    }

    private Map<String, Object> listed(JsonPath list, String packageId) {
        List<Map<String, Object>> packages = list.getList("packages");
        return packages.stream().filter(p -> packageId.equals(p.get("id"))).findFirst().orElse(null);
    }

    @Test
    void aWindowOpensAndClosesByItselfAtThePublicListAndAtCheckout() {
        Instant start = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        Instant end = start.plusSeconds(4);
        String packageId = newPackage("Friday general sale", "60.00",
                Map.of("sales_start_at", at(start), "sales_end_at", at(end)));

        Map<String, Object> before = listed(publicList(null, null), packageId);
        assertThat(before).as("listed before its window").isNotNull().containsEntry("on_sale", false)
                .containsEntry("sales_start_at", start.toString());
        buy(UUID.randomUUID(), packageId, 1, null).then().statusCode(409).body("code",
                org.hamcrest.Matchers.equalTo("not_on_sale"));

        // Nobody edits anything: the window opens ...
        Await.until("the list shows it on sale", Duration.ofSeconds(8),
                () -> Boolean.TRUE.equals(listed(publicList(null, null), packageId).get("on_sale")));
        assertThat(Instant.now()).isAfterOrEqualTo(start);
        Response sold = Await.until("a sale once the window opened", Duration.ofSeconds(4), () -> {
            Response response = buy(UUID.randomUUID(), packageId, 1, null);
            return response.statusCode() == 201 ? response : null;
        });
        assertThat(Instant.parse(sold.jsonPath().getString("created_at"))).isAfterOrEqualTo(start).isBefore(end);

        // ... and closes.
        Await.until("the list shows it off sale", Duration.ofSeconds(8),
                () -> Boolean.FALSE.equals(listed(publicList(null, null), packageId).get("on_sale")));
        assertThat(Instant.now()).isAfterOrEqualTo(end);
        buy(UUID.randomUUID(), packageId, 1, null).then().statusCode(409).body("code",
                org.hamcrest.Matchers.equalTo("not_on_sale"));
        assertThat(StackControl.query("purchase", "select count(*) from purchases where package_id = '" + packageId
                + "' and (created_at < '" + start + "' or created_at >= '" + end + "')")).isZero();
    }

    @Test
    void aHiddenPresaleIsSeenAndBoughtOnlyWithItsCodeWhichMayAlsoDiscountIt() {
        String open = newPackage("General seat", "100.00", Map.of());
        String chairman = newPackage("Chairman's table", "1000.00", Map.of("visibility", "hidden"));
        newCode(Map.of("code", "BOARD", "discount_type", "none", "unlocks_package_ids", List.of(chairman)));
        newCode(Map.of("code", "SPONSOR10", "discount_type", "percentage", "discount_value", 10,
                "unlocks_package_ids", List.of(chairman)));
        UUID donor = UUID.randomUUID();

        assertThat(listed(publicList(null, null), chairman)).as("hidden without a code").isNull();
        assertThat(listed(publicList(null, null), open)).isNotNull();
        assertThat(listed(publicList(donor, "NOPE-123"), chairman)).as("an unknown code unlocks nothing").isNull();
        Map<String, Object> revealed = listed(publicList(donor, "board"), chairman);
        assertThat(revealed).as("revealed by its code").isNotNull().containsEntry("visibility", "hidden");
        assertThat(listed(publicList(donor, "board"), open)).isNotNull();
        given().queryParam("code", "BOARD").get(GATEWAY + "/api/v1/events/" + event + "/tickets/packages").then()
                .statusCode(401);

        buy(donor, chairman, 1, null).then().statusCode(404).body("code",
                org.hamcrest.Matchers.equalTo("package_not_found"));
        buy(donor, chairman, 1, "NOPE-123").then().statusCode(404).body("code",
                org.hamcrest.Matchers.equalTo("package_not_found"));
        assertThat(StackControl.query("purchase", "select count(*) from purchases where package_id = '" + chairman
                + "'")).isZero();

        Response board = buy(donor, chairman, 1, "BOARD");
        board.then().statusCode(201);
        assertThat(board.jsonPath().getDouble("discount_amount")).isEqualTo(0.00);
        assertThat(board.jsonPath().getDouble("total_price")).isEqualTo(1000.00);
        Response sponsor = buy(UUID.randomUUID(), chairman, 2, "sponsor10");
        sponsor.then().statusCode(201);
        assertThat(sponsor.jsonPath().getDouble("discount_amount")).isEqualTo(200.00);
        assertThat(sponsor.jsonPath().getDouble("total_price")).isEqualTo(1800.00);
        Await.until("the sales view counts both", Duration.ofSeconds(5), () -> given().auth().oauth2(coordinator)
                .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/sales").jsonPath()
                .getDouble("total_revenue") == 2800.00);
    }

    @Test
    void unknownCodesAtTheListCountAgainstTheAntiGuessingLimit() throws Exception {
        newPackage("Guarded presale", "10.00", Map.of("visibility", "hidden"));
        UUID donor = UUID.randomUUID();
        List<Integer> statuses = StartBarrier.concurrently(30, i -> {
            var request = given().auth().oauth2(SystemTokens.donor(donor)).queryParam("code", "GUESS" + i);
            return request.get(GATEWAY + "/api/v1/events/" + event + "/tickets/packages").statusCode();
        });
        assertThat(statuses.stream().filter(s -> s == 200).count()).as("guesses judged").isLessThanOrEqualTo(20);
        assertThat(statuses).contains(429).containsOnly(200, 429);
    }

    @Test
    void quantitiesPerOrderHoldAtCheckoutAndForCoordinatorOrders() {
        String pair = newPackage("Patron pair", "250.00", Map.of("min_per_order", 2, "max_per_order", 2,
                "quantity_limit", 10));
        for (int quantity : new int[]{1, 3}) {
            buy(UUID.randomUUID(), pair, quantity, null).then().statusCode(422).body("code",
                    org.hamcrest.Matchers.equalTo("invalid_quantity"));
            order(pair, quantity).then().statusCode(422).body("code",
                    org.hamcrest.Matchers.equalTo("invalid_quantity"));
        }
        buy(UUID.randomUUID(), pair, 2, null).then().statusCode(201);
        order(pair, 2).then().statusCode(201);
        assertThat(StackControl.query("purchase", "select sold_count from inventory where package_id = '" + pair
                + "'")).isEqualTo(4);
    }

    /**
     * 200 buyers, in crowds from half a second before an early-bird price's end to past it, through the gateway:
     * every purchase pays the tier in force at its created_at, never one that had ended before it, and the
     * sales view's revenue is what the purchases add up to.
     */
    @Test
    void buyersRacingAcrossAnEarlyBirdsEndEachPayTheTierInForceAtTheirClaim() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(SystemTokens.donor(UUID.randomUUID()));
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        URI checkout = URI.create(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase");
        // A first crowd warms the path up (connections, the services' first purchases of this event).
        String warmUp = "{\"package_id\":\"" + newPackage("Warm-up seat", "1.00", Map.of()) + "\",\"quantity\":1}";
        List<CompletableFuture<HttpResponse<String>>> warming = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warming.add(http.sendAsync(purchase(checkout, SystemTokens.donor(UUID.randomUUID()), warmUp),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : warming) {
            assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        Instant earlyEnds = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        String packageId = newPackage("Gala seat", "120.00", Map.of("price_tiers", List.of(
                Map.of("label", "Early bird", "price", 90, "ends_at", at(earlyEnds)))));
        assertThat(Instant.now()).as("set up in time for the race").isBefore(earlyEnds.minusSeconds(1));
        String body = "{\"package_id\":\"" + packageId + "\",\"quantity\":1}";

        Instant firstCrowd = earlyEnds.minusMillis(500);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int crowd = 0; crowd < 20; crowd++) {
            long wait = Duration.between(Instant.now(), firstCrowd.plusMillis(50L * crowd)).toMillis();
            Thread.sleep(Math.max(0, wait));
            for (int i = 0; i < 10; i++) {
                answers.add(http.sendAsync(purchase(checkout, tokens.get(crowd * 10 + i), body),
                        HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }

        String purchases = "from purchases where package_id = '" + packageId + "'";
        assertThat(StackControl.query("purchase", "select count(*) " + purchases)).isEqualTo(200);
        assertThat(StackControl.query("purchase", "select count(*) " + purchases + " and unit_price <> "
                + "case when created_at < '" + earlyEnds + "' then 90 else 120 end")).as("purchases charged a tier "
                        + "not in force at their created_at")
                .isZero();
        assertThat(StackControl.query("purchase", "select count(*) " + purchases + " and unit_price = 90"))
                .as("early-bird sales").isPositive();
        assertThat(StackControl.query("purchase", "select count(*) " + purchases + " and unit_price = 120"))
                .as("sales after the early bird").isPositive();
        long cents = StackControl.query("purchase", "select round(sum(total_price) * 100)::bigint " + purchases);
        Await.until("the sales view's revenue of the package equals the purchases'", Duration.ofSeconds(5),
                () -> Math.round(given().auth().oauth2(coordinator)
                        .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/sales").jsonPath()
                        .getDouble("packages.find { it.package_id == '" + packageId + "' }.revenue") * 100) == cents);
    }

    private static HttpRequest purchase(URI checkout, String token, String body) {
        return HttpRequest.newBuilder(checkout).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void changingAWindowOrATierAfterSalesIsAudited() {
        Instant later = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        String packageId = newPackage("Audited seat", "80.00", Map.of());
        buy(UUID.randomUUID(), packageId, 1, null).then().statusCode(201);
        Await.until("the sale counted", Duration.ofSeconds(5), () -> given().auth().oauth2(coordinator)
                .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages/" + packageId).jsonPath()
                .getInt("sold_count") == 1);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("sales_end_at", at(later), "price_tiers",
                        List.of(Map.of("label", "Last call", "price", 70, "ends_at", at(later.minusSeconds(3600))))))
                .patch(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages/" + packageId).then()
                .statusCode(200);
        List<Map<String, Object>> entries = given().auth().oauth2(coordinator)
                .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages/" + packageId + "/audit")
                .jsonPath().getList("entries");
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry).containsEntry("field_name", "sales_end_at");
            assertThat(Instant.parse((String) entry.get("new_value"))).isEqualTo(later);
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry).containsEntry("field_name", "price_tiers");
            assertThat((String) entry.get("new_value")).contains("Last call").contains("70.00");
        });
        // The new tier is the price in force now, at checkout too.
        Await.until("checkout charges the new tier", Duration.ofSeconds(5),
                () -> buy(UUID.randomUUID(), packageId, 1, null).jsonPath().getDouble("unit_price") == 70.00);
    }
}
