package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The order lifecycle of API.md: cancellations with pro-rata or given refunds, releases, returned packages sold
 * again, races decided exactly, coordinator orders and donations, each compared with the rows afterwards.
 */
@QuarkusTest
class OrderLifecycleTests extends SaleFixture {

    private final UUID coordinator = UUID.randomUUID();

    private String admin() {
        return Tokens.token(coordinator, Set.of("event_coordinator"), List.of(event.toString()));
    }

    private Response cancel(String purchaseId, JsonObject body, String key) {
        var request = given().auth().oauth2(admin()).contentType("application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(body.encode())
                .post("/api/v1/admin/events/" + event + "/tickets/purchases/" + purchaseId + "/cancellations");
    }

    private Response release(UUID donor, String purchaseId, JsonObject body) {
        return given().auth().oauth2(Tokens.donor(donor)).contentType("application/json")
                .body(body == null ? "{}" : body.encode())
                .post("/api/v1/me/tickets/purchases/" + purchaseId + "/release");
    }

    private Response order(JsonObject body, String key) {
        var request = given().auth().oauth2(admin()).contentType("application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(body.encode()).post("/api/v1/admin/events/" + event + "/tickets/purchases");
    }

    private Response buyWith(UUID donor, UUID packageId, int quantity, JsonObject extra) {
        JsonObject body = new JsonObject().put("package_id", packageId.toString()).put("quantity", quantity);
        extra.forEach(entry -> body.put(entry.getKey(), entry.getValue()));
        return given().auth().oauth2(Tokens.donor(donor)).contentType("application/json").body(body.encode())
                .post("/api/v1/events/" + event + "/tickets/purchase");
    }

    private static JsonObject reason(String text) {
        return new JsonObject().put("reason", text);
    }

    private Row inventory(UUID packageId) {
        return pool.preparedQuery("SELECT sold_count, tickets_sold, revenue, refunded, donations, cancelled_tickets, "
                + "version FROM inventory WHERE package_id = $1").execute(Tuple.of(packageId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
    }

    /** What the purchase rows say, summed: the truth the inventory's cumulative figures must equal. */
    private Row truth(UUID packageId) {
        return pool.preparedQuery("""
                SELECT coalesce(sum(quantity - packages_returned), 0) AS sold,
                       coalesce(sum(refunded_amount), 0) AS refunded,
                       coalesce(sum(donation_amount), 0) AS donations,
                       coalesce(sum(total_price - refunded_amount), 0) AS revenue,
                       (SELECT count(*) FROM tickets t JOIN purchases q ON q.id = t.purchase_id
                         WHERE q.package_id = $1 AND t.status = 'valid') AS valid_seats,
                       (SELECT count(*) FROM tickets t JOIN purchases q ON q.id = t.purchase_id
                         WHERE q.package_id = $1 AND t.status = 'cancelled') AS cancelled_seats
                FROM purchases WHERE package_id = $1
                """).execute(Tuple.of(packageId)).await().atMost(Duration.ofSeconds(5)).iterator().next();
    }

    private void assertFiguresMatchTruth(UUID packageId) {
        Row row = inventory(packageId);
        Row truth = truth(packageId);
        assertThat(row.getInteger("sold_count")).isEqualTo(truth.getLong("sold").intValue());
        assertThat(row.getLong("tickets_sold")).isEqualTo(truth.getLong("valid_seats"));
        assertThat(row.getLong("cancelled_tickets")).isEqualTo(truth.getLong("cancelled_seats"));
        assertThat(row.getBigDecimal("revenue")).isEqualByComparingTo(truth.getBigDecimal("revenue"));
        assertThat(row.getBigDecimal("refunded")).isEqualByComparingTo(truth.getBigDecimal("refunded"));
        assertThat(row.getBigDecimal("donations")).isEqualByComparingTo(truth.getBigDecimal("donations"));
    }

    @Test
    void refundsProRataAndTheLastCancellationRefundsExactlyWhatRemains() {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "100.00", 3, null));
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, table, 1, null, null);
        List<String> tickets = bought.jsonPath().getList("tickets.id");
        String id = bought.jsonPath().getString("id");
        List<Float> refunds = new ArrayList<>();
        for (String ticket : tickets) {
            refunds.add(cancel(id, reason("cannot come").put("ticket_ids", new JsonArray().add(ticket)), null).then()
                    .statusCode(201).body("kind", equalTo("refund")).body("ticket_ids", equalTo(List.of(ticket)))
                    .extract().path("refund_amount"));
        }
        assertThat(refunds).containsExactly(33.33f, 33.33f, 33.34f);
        given().auth().oauth2(admin()).get("/api/v1/admin/events/" + event + "/tickets/purchases/" + id).then()
                .statusCode(200).body("status", equalTo("cancelled")).body("refunded_amount", equalTo(100.00f))
                .body("cancellations", hasSize(3)).body("cancellations[2].packages_returned", equalTo(1))
                .body("cancellations[0].packages_returned", equalTo(0)).body("tickets.status",
                        equalTo(List.of("cancelled", "cancelled", "cancelled")))
                .body("emails", hasSize(0));
        assertThat(soldCount(table)).isZero();
        assertFiguresMatchTruth(table);
    }

    @Test
    void aTableReturnsOnlyWhenAllItsSeatsAreCancelledAndIsSellableAtOnce() {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "1000.00", 10, null));
        pool.preparedQuery("UPDATE inventory SET quantity_limit = 2 WHERE package_id = $1").execute(Tuple.of(table))
                .await().atMost(Duration.ofSeconds(5));
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, table, 2, null, null);
        bought.then().statusCode(201);
        buy(UUID.randomUUID(), table, 1, null, null).then().statusCode(409).body("code", equalTo("sold_out"));
        List<String> seats = bought.jsonPath().getList("tickets.id");
        String id = bought.jsonPath().getString("id");
        // 8 of 20 seats: no table back yet; 12 of 20: one table back (floor(12 / 10)); the rest: the second one.
        cancel(id, reason("smaller table").put("ticket_ids", new JsonArray(seats.subList(0, 8))), null).then()
                .statusCode(201).body("packages_returned", equalTo(0)).body("refund_amount", equalTo(800.00f));
        buy(UUID.randomUUID(), table, 1, null, null).then().statusCode(409);
        cancel(id, reason("smaller table").put("ticket_ids", new JsonArray(seats.subList(8, 12))), null).then()
                .statusCode(201).body("packages_returned", equalTo(1)).body("refund_amount", equalTo(400.00f));
        assertThat(soldCount(table)).isEqualTo(1);
        buy(UUID.randomUUID(), table, 1, null, null).then().statusCode(201);
        buy(UUID.randomUUID(), table, 1, null, null).then().statusCode(409);
        cancel(id, reason("all gone"), null).then().statusCode(201).body("packages_returned", equalTo(1))
                .body("ticket_ids", hasSize(8)).body("refund_amount", equalTo(800.00f));
        assertThat(soldCount(table)).isEqualTo(1);
        assertFiguresMatchTruth(table);
    }

    @Test
    void refusesBadCancellationsAndChangesNothing() {
        UUID packageId = packageOnSale("50.00", null, null);
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, packageId, 2, null, null);
        String id = bought.jsonPath().getString("id");
        String other = buy(donor, packageId, 1, null, null).jsonPath().getString("tickets[0].id");
        String mine = bought.jsonPath().getString("tickets[0].id");
        long version = inventory(packageId).getLong("version");
        cancel(id, new JsonObject(), null).then().statusCode(422).body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("reason"));
        cancel(id, reason("  "), null).then().statusCode(422);
        cancel(id, reason("x").put("ticket_ids", new JsonArray()), null).then().statusCode(422)
                .body("errors[0].field", equalTo("ticket_ids"));
        cancel(id, reason("x").put("ticket_ids", new JsonArray().add(mine).add(mine)), null).then().statusCode(422);
        cancel(id, reason("x").put("ticket_ids", new JsonArray().add(other)), null).then().statusCode(422)
                .body("errors[0].field", equalTo("ticket_ids[0]"));
        cancel(id, reason("x").put("ticket_ids", new JsonArray().add("not-a-ticket")), null).then().statusCode(422);
        cancel(id, reason("x").put("refund_amount", 100.01), null).then().statusCode(422)
                .body("errors[0].field", equalTo("refund_amount"));
        cancel(id, reason("x").put("refund_amount", -1), null).then().statusCode(422);
        cancel(id, reason("x").put("refund_amount", 1.005), null).then().statusCode(422);
        cancel(id, reason("x").put("refund", 1), null).then().statusCode(400).body("code", equalTo("unknown_field"));
        cancel(id, reason("x".repeat(501)), null).then().statusCode(422);
        cancel(UUID.randomUUID().toString(), reason("x"), null).then().statusCode(404)
                .body("code", equalTo("purchase_not_found"));
        cancel("not-a-uuid", reason("x"), null).then().statusCode(404).body("code", equalTo("purchase_not_found"));
        // another event's coordinator, and this event's purchase under another event's path
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())).contentType("application/json")
                .body(reason("x").encode())
                .post("/api/v1/admin/events/" + event + "/tickets/purchases/" + id + "/cancellations").then()
                .statusCode(403);
        UUID elsewhere = UUID.randomUUID();
        given().auth().oauth2(Tokens.coordinator(elsewhere)).contentType("application/json")
                .body(reason("x").encode())
                .post("/api/v1/admin/events/" + elsewhere + "/tickets/purchases/" + id + "/cancellations").then()
                .statusCode(404).body("code", equalTo("purchase_not_found"));
        release(UUID.randomUUID(), id, null).then().statusCode(404).body("code", equalTo("purchase_not_found"));
        assertThat(inventory(packageId).getLong("version")).isEqualTo(version);
        given().auth().oauth2(admin()).get("/api/v1/admin/events/" + event + "/tickets/purchases/" + id).then()
                .body("status", equalTo("active")).body("cancellations", hasSize(0))
                .body("refunded_amount", equalTo(0.00f));
    }

    @Test
    void aGivenRefundIsKeptWithinTheRefundableAmount() {
        UUID packageId = packageOnSale("60.00", null, null);
        Response bought = buy(UUID.randomUUID(), packageId, 3, null, null);
        String id = bought.jsonPath().getString("id");
        List<String> seats = bought.jsonPath().getList("tickets.id");
        cancel(id, reason("goodwill").put("ticket_ids", new JsonArray().add(seats.get(0))).put("refund_amount", 150),
                null).then().statusCode(201).body("refund_amount", equalTo(150.00f));
        // 30.00 is left: the pro-rata share (60.00) is capped at what remains
        cancel(id, reason("x").put("ticket_ids", new JsonArray().add(seats.get(1))).put("refund_amount", 30.01), null)
                .then().statusCode(422);
        cancel(id, reason("x").put("ticket_ids", new JsonArray().add(seats.get(1))), null).then().statusCode(201)
                .body("refund_amount", equalTo(30.00f));
        cancel(id, reason("x"), null).then().statusCode(201).body("refund_amount", equalTo(0.00f));
        assertFiguresMatchTruth(packageId);
    }

    @Test
    void aRepeatedKeyAnswersTheFirstCancellationAndADifferentBodyIsRefused() throws Exception {
        UUID packageId = packageOnSale("20.00", null, null);
        Response bought = buy(UUID.randomUUID(), packageId, 2, null, null);
        String id = bought.jsonPath().getString("id");
        String seat = bought.jsonPath().getString("tickets[0].id");
        JsonObject body = reason("duplicate").put("ticket_ids", new JsonArray().add(seat));
        List<Response> repeats = concurrently(8, i -> cancel(id, body, "cancel-once"));
        Set<String> ids = new java.util.HashSet<>();
        for (Response repeat : repeats) {
            repeat.then().statusCode(201);
            ids.add(repeat.jsonPath().getString("id"));
        }
        assertThat(ids).hasSize(1);
        cancel(id, reason("other").put("ticket_ids", new JsonArray().add(seat)), "cancel-once").then().statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        cancel(id, body, "").then().statusCode(400).body("code", equalTo("invalid_idempotency_key"));
        assertThat(inventory(packageId).getLong("cancelled_tickets")).isEqualTo(1);
        assertFiguresMatchTruth(packageId);
    }

    @Test
    void twoCancellationsOfOneTicketAtOnceOneWins() throws Exception {
        UUID packageId = packageOnSale("20.00", null, null);
        for (int round = 0; round < 10; round++) {
            Response bought = buy(UUID.randomUUID(), packageId, 2, null, null);
            String id = bought.jsonPath().getString("id");
            String seat = bought.jsonPath().getString("tickets[0].id");
            List<Response> both = concurrently(2,
                    i -> cancel(id, reason("race " + i).put("ticket_ids", new JsonArray().add(seat)), null));
            assertThat(both.stream().map(Response::statusCode)).containsExactlyInAnyOrder(201, 409);
            assertThat(both.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow().jsonPath()
                    .getString("code")).isEqualTo("ticket_cancelled");
        }
        assertFiguresMatchTruth(packageId);
    }

    @Test
    void aCancellationAndACheckInOfOneTicketNeverBothWin() throws Exception {
        UUID packageId = packageOnSale("20.00", null, null);
        int cancelled = 0;
        int checkedIn = 0;
        for (int round = 0; round < 12; round++) {
            Response bought = buy(UUID.randomUUID(), packageId, 1, null, null);
            String id = bought.jsonPath().getString("id");
            String qr = bought.jsonPath().getString("tickets[0].qr_code");
            List<Response> both = concurrently(2, i -> i == 0
                    ? cancel(id, reason("race"), null)
                    : given().auth().oauth2(admin()).contentType("application/json").body(Map.of("qr_code", qr))
                            .post("/api/v1/admin/events/" + event + "/tickets/check-in"));
            Response cancellation = both.get(0);
            Response checkIn = both.get(1);
            if (cancellation.statusCode() == 201) {
                cancelled++;
                checkIn.then().statusCode(409).body("code", equalTo("ticket_cancelled"));
            } else {
                checkedIn++;
                cancellation.then().statusCode(409).body("code", equalTo("already_checked_in"));
                checkIn.then().statusCode(200);
            }
        }
        assertThat(cancelled + checkedIn).isEqualTo(12);
        long both = pool.preparedQuery("SELECT count(*) AS n FROM tickets WHERE event_id = $1 AND status = "
                + "'cancelled' AND checked_in_at IS NOT NULL").execute(Tuple.of(event))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertThat(both).isZero();
        assertFiguresMatchTruth(packageId);
    }

    @Test
    void cancellationsRacingNewSalesOfASoldOutPackageNeverOversell() throws Exception {
        UUID packageId = packageOnSale("10.00", 50, null);
        List<String> purchases = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            purchases.add(buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(201).extract().path("id"));
        }
        assertThat(soldCount(packageId)).isEqualTo(50);
        List<Integer> statuses = concurrently(100, i -> i % 2 == 0
                ? cancel(purchases.get(i / 2), reason("race"), null).statusCode()
                : buy(UUID.randomUUID(), packageId, 1, null, null).statusCode());
        long cancelledOk = java.util.stream.IntStream.range(0, 100).filter(i -> i % 2 == 0)
                .filter(i -> statuses.get(i) == 201).count();
        long soldOk = java.util.stream.IntStream.range(0, 100).filter(i -> i % 2 == 1)
                .filter(i -> statuses.get(i) == 201).count();
        assertThat(cancelledOk).isEqualTo(50);
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        assertThat(soldCount(packageId)).isEqualTo((int) (50 - cancelledOk + soldOk)).isLessThanOrEqualTo(50);
        assertFiguresMatchTruth(packageId);
    }

    @Test
    void aReleaseGivesTheSeatsBackWithoutRefundAndRaisesTheDeductibleAmount() throws Exception {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "100.00", 2, "60.00"));
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, table, 1, null, null);
        bought.then().body("tax_deductible_amount", equalTo(40.00f));
        String id = bought.jsonPath().getString("id");
        String seat = bought.jsonPath().getString("tickets[1].id");
        release(donor, id, new JsonObject().put("ticket_ids", new JsonArray().add(seat))).then().statusCode(201)
                .body("kind", equalTo("release")).body("refund_amount", equalTo(0.00f))
                .body("created_by", equalTo(donor.toString())).body("reason", nullValue());
        Response mine = given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/purchases");
        mine.then().body("purchases[0].tax_deductible_amount", equalTo(70.00f))
                .body("purchases[0].refunded_amount", equalTo(0.00f)).body("purchases[0].status", equalTo("active"))
                .body("purchases[0].tickets[1].status", equalTo("cancelled"));
        assertThat(mine.asString()).doesNotContain("\"note\"").doesNotContain("\"emails\"");
        release(donor, id, new JsonObject().put("ticket_ids", new JsonArray().add(seat))).then().statusCode(409)
                .body("code", equalTo("ticket_cancelled"));
        given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/" + seat + "/qr.png").then()
                .statusCode(410).body("code", equalTo("ticket_cancelled"));
        given().auth().oauth2(Tokens.donor(donor)).contentType("application/json")
                .body(Map.of("guest_name", "Too Late")).patch("/api/v1/me/tickets/" + seat).then().statusCode(409)
                .body("code", equalTo("ticket_cancelled"));
        byte[] pdf = given().auth().oauth2(Tokens.donor(donor))
                .get("/api/v1/me/tickets/purchases/" + id + "/receipt.pdf").then().statusCode(200).extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Corrected receipt").contains("Tax-deductible amount: 70.00 USD")
                    .contains("given back to the charity");
        }
        // the whole purchase given back: every seat's value is a gift
        release(donor, id, null).then().statusCode(201).body("packages_returned", equalTo(1));
        given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/purchases").then()
                .body("purchases[0].tax_deductible_amount", equalTo(100.00f))
                .body("purchases[0].status", equalTo("cancelled"));
        release(donor, id, null).then().statusCode(409).body("code", equalTo("ticket_cancelled"));
        assertFiguresMatchTruth(table);
    }

    @Test
    void aDonationIsAddedToTheTotalAndIsDeductible() {
        UUID packageId = packageOnSale("100.00", null, null);
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "100.00", 1, "30.00"));
        UUID donor = UUID.randomUUID();
        buyWith(donor, packageId, 2, new JsonObject().put("donation_amount", 50)).then().statusCode(201)
                .body("donation_amount", equalTo(50.00f)).body("total_price", equalTo(250.00f))
                .body("tax_deductible_amount", equalTo(50.00f)).body("discount_amount", equalTo(0.00f))
                .body("channel", equalTo("checkout")).body("payment", equalTo("platform"));
        buyWith(donor, table, 2, new JsonObject().put("donation_amount", 25.5)).then().statusCode(201)
                .body("total_price", equalTo(225.50f)).body("tax_deductible_amount", equalTo(165.50f));
        buyWith(donor, packageId, 1, new JsonObject()).then().statusCode(201).body("donation_amount", equalTo(0.00f))
                .body("tax_deductible_amount", nullValue());
        for (Object bad : List.of(-1, 100000.01, 1.234)) {
            buyWith(donor, packageId, 1, new JsonObject().put("donation_amount", bad)).then().statusCode(422)
                    .body("errors[0].field", equalTo("donation_amount"));
        }
        buyWith(donor, packageId, 1, new JsonObject().put("donation_amount", "lots")).then().statusCode(400);
        buyWith(donor, packageId, 1, new JsonObject().put("email", "nope")).then().statusCode(422)
                .body("errors[0].field", equalTo("email"));
        buyWith(donor, packageId, 1, new JsonObject().put("email", "donor@example.org")).then().statusCode(201)
                .body("email", equalTo("donor@example.org"));
        // a refund returns ticket money only: the gift stays
        Response gift = buyWith(donor, packageId, 1, new JsonObject().put("donation_amount", 10));
        cancel(gift.jsonPath().getString("id"), reason("refund"), null).then().statusCode(201)
                .body("refund_amount", equalTo(100.00f));
        given().auth().oauth2(admin())
                .get("/api/v1/admin/events/" + event + "/tickets/purchases/" + gift.jsonPath().getString("id")).then()
                .body("refunded_amount", equalTo(100.00f)).body("total_price", equalTo(110.00f))
                .body("tax_deductible_amount", equalTo(10.00f));
        assertFiguresMatchTruth(packageId);
        assertFiguresMatchTruth(table);
    }

    @Test
    void coordinatorOrdersAreComplimentaryOrOfflineAndIdempotent() throws Exception {
        JsonArray options = new JsonArray().add(CatalogFeed.option(UUID.randomUUID(), "Meal", "single_select",
                List.of("Fish", "Veg"), true, 0));
        UUID packageId = packageOnSale("120.00", null, options);
        UUID donor = UUID.randomUUID();
        JsonObject comp = new JsonObject().put("package_id", packageId.toString()).put("quantity", 2)
                .put("payment", "complimentary").put("name", "Board Member").put("email", "board@example.org")
                .put("donor_id", donor.toString()).put("note", "board seat");
        Response first = order(comp, "comp-1");
        first.then().statusCode(201).body("channel", equalTo("admin")).body("payment", equalTo("complimentary"))
                .body("unit_price", equalTo(0.00f)).body("base_price", equalTo(0.00f))
                .body("total_price", equalTo(0.00f)).body("tax_deductible_amount", equalTo(0.00f))
                .body("donation_amount", equalTo(0.00f)).body("note", equalTo("board seat"))
                .body("name", equalTo("Board Member")).body("donor_id", equalTo(donor.toString()))
                .body("tickets", hasSize(2)).body("option_responses", hasSize(0));
        order(comp, "comp-1").then().statusCode(201).body("id", equalTo(first.jsonPath().getString("id")));
        order(comp.copy().put("quantity", 3), "comp-1").then().statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/purchases").then()
                .body("purchases", hasSize(1)).body("purchases[0].payment", equalTo("complimentary"));

        order(new JsonObject().put("package_id", packageId.toString()).put("quantity", 1).put("payment", "offline"),
                null).then().statusCode(201).body("unit_price", equalTo(120.00f)).body("total_price", equalTo(120.00f))
                .body("donor_id", nullValue());
        order(new JsonObject().put("package_id", packageId.toString()).put("quantity", 2).put("payment", "offline")
                .put("unit_price", 99.5), null).then().statusCode(201).body("total_price", equalTo(199.00f));

        JsonObject base = new JsonObject().put("package_id", packageId.toString()).put("quantity", 1);
        order(base.copy(), null).then().statusCode(422).body("errors[0].field", equalTo("payment"));
        order(base.copy().put("payment", "cash"), null).then().statusCode(422);
        order(base.copy().put("payment", "complimentary").put("unit_price", 5), null).then().statusCode(422)
                .body("errors[0].field", equalTo("unit_price"));
        order(base.copy().put("payment", "offline").put("unit_price", -5), null).then().statusCode(422);
        order(base.copy().put("payment", "offline").put("promo_code", "GALA"), null).then().statusCode(400)
                .body("code", equalTo("unknown_field"));
        order(base.copy().put("payment", "offline").put("name", " "), null).then().statusCode(422);
        order(base.copy().put("payment", "offline").put("note", "n".repeat(501)), null).then().statusCode(422);
        order(base.copy().put("payment", "offline").put("donor_id", "not-a-uuid"), null).then().statusCode(400);
        order(base.copy().put("payment", "offline").put("package_id", UUID.randomUUID().toString()), null).then()
                .statusCode(404).body("code", equalTo("package_not_found"));
        order(base.copy().put("payment", "offline").put("option_responses",
                new JsonArray().add(answer(UUID.fromString(options.getJsonObject(0).getString("id")), "Beef"))), null)
                .then().statusCode(422).body("code", equalTo("invalid_option_response"));
        given().auth().oauth2(Tokens.donor(donor)).contentType("application/json")
                .body(base.copy().put("payment", "offline").encode())
                .post("/api/v1/admin/events/" + event + "/tickets/purchases").then().statusCode(403);
        assertFiguresMatchTruth(packageId);
    }

    @Test
    void concurrentComplimentaryOrdersRespectTheLimit() throws Exception {
        UUID packageId = packageOnSale("500.00", 40, null);
        List<Integer> statuses = concurrently(100, i -> order(new JsonObject().put("package_id", packageId.toString())
                .put("quantity", 1).put("payment", "complimentary"), null).statusCode());
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(40);
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        assertThat(soldCount(packageId)).isEqualTo(40);
        assertThat(purchasedQuantity(packageId)).isEqualTo(40);
    }

    @Test
    void searchesPurchasesByTicketNumberEmailGuestAndStatus() {
        UUID packageId = packageOnSale("10.00", null, null);
        UUID donor = UUID.randomUUID();
        Response withEmail = buyWith(donor, packageId, 1, new JsonObject().put("email", "Grace.Hopper@example.org"));
        Response withGuest = buy(donor, packageId, 1, null, null);
        String guestTicket = withGuest.jsonPath().getString("tickets[0].id");
        given().auth().oauth2(Tokens.donor(donor)).contentType("application/json")
                .body(Map.of("guest_name", "Katherine Johnson_50%")).patch("/api/v1/me/tickets/" + guestTicket).then()
                .statusCode(200);
        Response cancelled = buy(donor, packageId, 1, null, null);
        cancel(cancelled.jsonPath().getString("id"), reason("duplicate"), null).then().statusCode(201);
        String base = "/api/v1/admin/events/" + event + "/tickets/purchases";
        given().auth().oauth2(admin()).queryParam("q", "grace.hopper").get(base).then().statusCode(200)
                .body("total", equalTo(1)).body("purchases[0].id", equalTo(withEmail.jsonPath().getString("id")));
        given().auth().oauth2(admin()).queryParam("q", "johnson_50%").get(base).then().body("total", equalTo(1))
                .body("purchases[0].id", equalTo(withGuest.jsonPath().getString("id")));
        given().auth().oauth2(admin()).queryParam("q", "n_5").get(base).then().body("total", equalTo(1));
        given().auth().oauth2(admin()).queryParam("q", "%").get(base).then().body("total", equalTo(1));
        String number = cancelled.jsonPath().getString("tickets[0].ticket_number");
        given().auth().oauth2(admin()).queryParam("q", number.toLowerCase()).get(base).then().body("total", equalTo(1))
                .body("purchases[0].status", equalTo("cancelled"));
        given().auth().oauth2(admin()).queryParam("status", "cancelled").get(base).then().body("total", equalTo(1));
        given().auth().oauth2(admin()).queryParam("status", "active").get(base).then().body("total", equalTo(2));
        given().auth().oauth2(admin()).queryParam("status", "refunded").get(base).then().statusCode(422);
        given().auth().oauth2(admin()).queryParam("q", "x".repeat(101)).get(base).then().statusCode(422);
        given().auth().oauth2(admin()).get(base + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("purchase_not_found"));
        given().auth().oauth2(admin()).get(base + "/nope").then().statusCode(404)
                .body("code", equalTo("purchase_not_found"));
    }

    @Test
    void theExportKeepsCancelledTicketsWithTheirStatusAndAmounts() {
        UUID packageId = packageOnSale("40.00", null, null);
        Response bought = buyWith(UUID.randomUUID(), packageId, 2, new JsonObject().put("donation_amount", 5));
        String id = bought.jsonPath().getString("id");
        cancel(id,
                reason("one seat").put("ticket_ids", new JsonArray().add(bought.jsonPath().getString("tickets[0].id"))),
                null).then().statusCode(201);
        String csv = given().auth().oauth2(admin())
                .get("/api/v1/admin/events/" + event + "/tickets/purchases/export.csv").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("purchase_id,ticket_number,purchased_at,donor_id,package_id,package_name,"
                + "quantity,base_price,discount_amount,total_price,promo_code,donation_amount,refunded_amount,"
                + "ticket_status");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).endsWith(",80.00,0.00,85.00,,5.00,40.00,cancelled");
        assertThat(lines[2]).endsWith(",80.00,0.00,85.00,,5.00,40.00,valid");
        assertThat(new BigDecimal("40.00")).isEqualByComparingTo(inventory(packageId).getBigDecimal("refunded"));
    }
}
