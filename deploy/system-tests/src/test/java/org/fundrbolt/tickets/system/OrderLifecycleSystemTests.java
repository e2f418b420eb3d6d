package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * API.md, "Order lifecycle", through the gateway against the running stack: donations with a code, cancellations
 * that return packages sellable at once and a fully cancelled purchase's promo use, races of cancellations with
 * sales, and the sales view equal to purchase-service's truth within 2 s.
 */
class OrderLifecycleSystemTests {

    private static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    private String newPackage(String name, String price, Integer limit) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "price", new BigDecimal(price)));
        if (limit != null) {
            body.put("quantity_limit", limit);
        }
        String id = given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        Await.until("package " + id + " on sale", Duration.ofSeconds(15), () -> StackControl.query("purchase",
                "select count(*) from inventory where enabled and package_id = '" + id + "'") == 1);
        return id;
    }

    private void newCode(String code, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "discount_type", "percentage",
                "discount_value", 20));
        body.putAll(extra);
        given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/promo-codes").then().statusCode(201);
    }

    private Response buy(UUID donor, String packageId, int quantity, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("package_id", packageId, "quantity", quantity));
        body.putAll(extra);
        return given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase");
    }

    private Response cancel(String purchaseId, Map<String, Object> body) {
        return given().auth().oauth2(coordinator).contentType("application/json").body(body)
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/purchases/" + purchaseId
                        + "/cancellations");
    }

    private static long cents(String database, String sql) {
        return StackControl.query(database, "select coalesce(round((" + sql + ") * 100), 0)::bigint");
    }

    @Test
    void aGiftIsNeverDiscountedAndAFullyCancelledPurchaseGivesItsPromoUseBack() {
        String packageId = newPackage("Gift seats", "100.00", null);
        newCode("ONCEGIFT", Map.of("max_uses_per_donor", 1));
        UUID donor = UUID.randomUUID();
        Response first = buy(donor, packageId, 2, Map.of("promo_code", "oncegift", "donation_amount", 50));
        first.then().statusCode(201);
        JsonPath bought = first.jsonPath();
        assertThat(bought.getDouble("discount_amount")).isEqualTo(40.00);
        assertThat(bought.getDouble("donation_amount")).isEqualTo(50.00);
        assertThat(bought.getDouble("total_price")).isEqualTo(210.00);
        assertThat(bought.getDouble("tax_deductible_amount")).isEqualTo(50.00);
        buy(donor, packageId, 1, Map.of("promo_code", "ONCEGIFT")).then().statusCode(409);

        // a partial cancellation keeps the use
        cancel(bought.getString("id"), Map.of("reason", "one cannot come", "ticket_ids",
                List.of(bought.getString("tickets[0].id")))).then().statusCode(201);
        buy(donor, packageId, 1, Map.of("promo_code", "ONCEGIFT")).then().statusCode(409);
        // the last one returns it: the donor may use the code again
        Response last = cancel(bought.getString("id"), Map.of("reason", "neither"));
        last.then().statusCode(201);
        assertThat(last.jsonPath().getDouble("refund_amount")).isEqualTo(80.00);
        Await.until("the promo use returned", Duration.ofSeconds(5), () -> StackControl.query("promo",
                "select current_uses from promo_codes where event_id = '" + event + "'") == 0);
        Response again = buy(donor, packageId, 1, Map.of("promo_code", "ONCEGIFT"));
        again.then().statusCode(201);
        assertThat(again.jsonPath().getDouble("discount_amount")).isEqualTo(20.00);
        assertThat(StackControl.query("promo", "select current_uses from promo_codes where event_id = '" + event
                + "'")).isEqualTo(1);
        assertSalesViewEqualsTruth();
    }

    @Test
    void cancellationsRacingPurchasesOfASoldOutPackageNeverOversellAndTheViewConverges() throws Exception {
        String packageId = newPackage("Race seats", "25.00", 50);
        List<String> purchases = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            purchases.add(buy(UUID.randomUUID(), packageId, 1, Map.of("donation_amount", 1)).then().statusCode(201)
                    .extract().path("id"));
        }
        buy(UUID.randomUUID(), packageId, 1, Map.of()).then().statusCode(409);
        List<Integer> statuses = StartBarrier.concurrently(100, i -> i % 2 == 0
                ? cancel(purchases.get(i / 2), Map.of("reason", "race")).statusCode()
                : buy(UUID.randomUUID(), packageId, 1, Map.of()).statusCode());
        long cancelled = 0;
        long sold = 0;
        for (int i = 0; i < statuses.size(); i++) {
            int status = statuses.get(i);
            assertThat(status).as("answer " + i).isIn(201, 409);
            if (status == 201) {
                if (i % 2 == 0) {
                    cancelled++;
                } else {
                    sold++;
                }
            }
        }
        assertThat(cancelled).isEqualTo(50);
        long soldCount = StackControl.query("purchase",
                "select sold_count from inventory where package_id = '" + packageId + "'");
        assertThat(soldCount).isEqualTo(50 - cancelled + sold).isLessThanOrEqualTo(50);
        assertThat(StackControl.query("purchase", "select sum(quantity - packages_returned) from purchases where "
                + "package_id = '" + packageId + "'")).isEqualTo(soldCount);
        assertSalesViewEqualsTruth();
    }

    @Test
    void aCancelledTicketIsRefusedAtTheDoorAndItsQrImageIsGone() {
        String packageId = newPackage("Door seats", "10.00", null);
        UUID donor = UUID.randomUUID();
        JsonPath bought = buy(donor, packageId, 2, Map.of()).then().statusCode(201).extract().jsonPath();
        String ticket = bought.getString("tickets[0].id");
        given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("ticket_ids", List.of(ticket)))
                .post(GATEWAY + "/api/v1/me/tickets/purchases/" + bought.getString("id") + "/release").then()
                .statusCode(201);
        Response door = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("qr_code", bought.getString("tickets[0].qr_code")))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/check-in");
        assertThat(door.statusCode()).isEqualTo(409);
        assertThat(door.jsonPath().getString("code")).isEqualTo("ticket_cancelled");
        assertThat(door.contentType()).startsWith("application/problem+json");
        given().auth().oauth2(SystemTokens.donor(donor)).get(GATEWAY + "/api/v1/me/tickets/" + ticket + "/qr.png")
                .then().statusCode(410);
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("qr_code", bought.getString("tickets[1].qr_code")))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/check-in").then().statusCode(200);
        cancel(bought.getString("id"), Map.of("reason", "too late")).then().statusCode(409);
    }

    @Test
    void complimentaryOrdersThroughTheGatewayRespectTheLimit() throws Exception {
        String packageId = newPackage("Sponsor comps", "300.00", 30);
        List<Integer> statuses = StartBarrier.concurrently(100, i -> given().auth().oauth2(coordinator)
                .contentType("application/json")
                .body(Map.of("package_id", packageId, "quantity", 1, "payment", "complimentary", "name", "Guest " + i))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/purchases").statusCode());
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(30);
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        assertThat(StackControl.query("purchase", "select sold_count from inventory where package_id = '" + packageId
                + "'")).isEqualTo(30);
        assertThat(cents("purchase", "select sum(total_price) from purchases where package_id = '" + packageId
                + "'")).isZero();
        assertSalesViewEqualsTruth();
    }

    @Test
    void aPackageWhoseSalesWereAllCancelledIsKeptDisabledWhenDeleted() {
        String packageId = newPackage("Cancelled then deleted", "15.00", null);
        JsonPath bought = buy(UUID.randomUUID(), packageId, 1, Map.of()).then().statusCode(201).extract().jsonPath();
        cancel(bought.getString("id"), Map.of("reason", "refunded in full")).then().statusCode(201);
        assertThat(StackControl.query("purchase", "select sold_count from inventory where package_id = '" + packageId
                + "'")).isZero();
        given().auth().oauth2(coordinator)
                .delete(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages/" + packageId).then()
                .statusCode(204);
        // it had sales: kept and disabled, never removed (its purchases still name it)
        Boolean enabled = given().auth().oauth2(coordinator)
                .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages/" + packageId).then()
                .statusCode(200).extract().path("is_enabled");
        assertThat(enabled).isFalse();
    }

    /** The sales view of the event, within 2 s, equals what purchase-service's rows say. */
    private void assertSalesViewEqualsTruth() {
        String where = "from purchases where event_id = '" + event + "'";
        long sold = StackControl.query("purchase", "select coalesce(sum(quantity - packages_returned), 0) " + where);
        long tickets = StackControl.query("purchase", "select count(*) from tickets where status = 'valid' and "
                + "event_id = '" + event + "'");
        long cancelledTickets = StackControl.query("purchase", "select count(*) from tickets where status = "
                + "'cancelled' and event_id = '" + event + "'");
        long revenue = cents("purchase", "select sum(total_price - refunded_amount) " + where);
        long refunded = cents("purchase", "select sum(refunded_amount) " + where);
        long donations = cents("purchase", "select sum(donation_amount) " + where);
        Await.until("the sales view equal to purchase-service's rows", Duration.ofSeconds(2), () -> {
            JsonPath view = given().auth().oauth2(coordinator)
                    .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/sales").then().statusCode(200)
                    .extract().jsonPath();
            return view.getLong("total_sold") == sold && view.getLong("total_tickets") == tickets
                    && view.getLong("total_cancelled_tickets") == cancelledTickets
                    && Math.round(view.getDouble("total_revenue") * 100) == revenue
                    && Math.round(view.getDouble("total_refunded") * 100) == refunded
                    && Math.round(view.getDouble("total_donations") * 100) == donations;
        });
    }
}
