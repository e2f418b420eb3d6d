package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Tables with seats, receipts, guest assignment, check-in and the CSV exports. */
@QuarkusTest
class TicketTests extends SaleFixture {

    private String admin() {
        return Tokens.coordinator(event);
    }

    @Test
    void sellsATableAsOneTicketPerSeatWithTheDeductibleAmountOnTheReceipt() throws Exception {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "1200.00", 10, "400.00"));
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, table, 2, null, null);
        bought.then().statusCode(201).body("tickets", hasSize(20)).body("total_price", equalTo(2400.00f))
                .body("tax_deductible_amount", equalTo(1600.00f));
        List<String> numbers = bought.jsonPath().getList("tickets.ticket_number");
        assertThat(Set.copyOf(numbers)).hasSize(20);
        byte[] pdf = given().auth().oauth2(Tokens.donor(donor))
                .get("/api/v1/me/tickets/purchases/" + bought.jsonPath().getString("id") + "/receipt.pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Total paid: 2400.00 USD").contains("Tax-deductible amount: 1600.00 USD")
                    .contains(numbers.get(0));
        }
        given().auth().oauth2(Tokens.donor(UUID.randomUUID()))
                .get("/api/v1/me/tickets/purchases/" + bought.jsonPath().getString("id") + "/receipt.pdf")
                .then().statusCode(404).body("code", equalTo("purchase_not_found"));
    }

    @Test
    void rendersTheQrCodeOfOwnTicketsOnly() throws Exception {
        UUID packageId = published(CatalogFeed.snapshot(event, UUID.randomUUID(), "10.00", null, 1));
        UUID donor = UUID.randomUUID();
        String ticket = buy(donor, packageId, 1, null, null).then().statusCode(201).extract().path("tickets[0].id");
        byte[] png = given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/" + ticket + "/qr.png")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isGreaterThan(100);
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get("/api/v1/me/tickets/" + ticket + "/qr.png")
                .then().statusCode(404).body("code", equalTo("ticket_not_found"));
        given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/not-a-uuid/qr.png")
                .then().statusCode(404).body("code", equalTo("ticket_not_found"));
    }

    @Test
    void letsTheBuyerAssignGuestsUntilCheckIn() throws Exception {
        UUID table = published(CatalogFeed.table(event, UUID.randomUUID(), "100.00", 2, null));
        UUID donor = UUID.randomUUID();
        Response bought = buy(donor, table, 1, null, null);
        String ticket = bought.jsonPath().getString("tickets[0].id");
        String qr = bought.jsonPath().getString("tickets[0].qr_code");
        patch(donor, ticket, Map.of("guest_name", "Ada Lovelace", "guest_email", "ada@example.org")).then()
                .statusCode(200).body("guest_name", equalTo("Ada Lovelace"))
                .body("guest_email", equalTo("ada@example.org"));
        patch(donor, ticket, Map.of("guest_email", "not-an-email")).then().statusCode(422)
                .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("guest_email"));
        // What the old pattern let through: no real top-level domain, two dots, a quote-less space, a bare host.
        for (String bad : List.of("ada@example.invalidtld", "ada..l@example.org", "ada lovelace@example.org",
                "ada@localhost", "ada@exa_mple.org")) {
            patch(donor, ticket, Map.of("guest_email", bad)).then().statusCode(422)
                    .body("errors[0].field", equalTo("guest_email"));
        }
        patch(donor, ticket, Map.of("guest_email", "ada.lovelace+gala@mail.example.co.uk")).then().statusCode(200);
        patch(donor, ticket, Map.of("guest_email", "ada@example.org")).then().statusCode(200);
        patch(donor, ticket, Map.of("seat", "A1")).then().statusCode(400).body("code", equalTo("unknown_field"));
        patch(UUID.randomUUID(), ticket, Map.of("guest_name", "Mallory")).then().statusCode(404)
                .body("code", equalTo("ticket_not_found"));
        JsonObject clear = new JsonObject().put("guest_email", (String) null);
        given().auth().oauth2(Tokens.donor(donor)).contentType("application/json").body(clear.encode())
                .patch("/api/v1/me/tickets/" + ticket).then().statusCode(200)
                .body("guest_name", equalTo("Ada Lovelace")).body("guest_email", equalTo(null));

        List<Integer> doors = concurrently(2, i -> given().auth().oauth2(admin()).contentType("application/json")
                .body(Map.of("qr_code", qr)).post("/api/v1/admin/events/" + event + "/tickets/check-in").statusCode());
        assertThat(doors).containsExactlyInAnyOrder(200, 409);
        given().auth().oauth2(admin()).contentType("application/json").body(Map.of("qr_code", qr))
                .post("/api/v1/admin/events/" + event + "/tickets/check-in").then().statusCode(409)
                .body("code", equalTo("already_checked_in")).body("checked_in_at", notNullValue());
        patch(donor, ticket, Map.of("guest_name", "Late Change")).then().statusCode(409)
                .body("code", equalTo("already_checked_in"));
    }

    @Test
    void refusesForgedAndOtherEventsCodesAtTheDoor() {
        UUID packageId = published(CatalogFeed.snapshot(event, UUID.randomUUID(), "10.00", null, 1));
        String qr = buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(201).extract()
                .path("tickets[0].qr_code");
        String forged = qr.substring(0, qr.length() - 4) + (qr.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(admin()).contentType("application/json").body(Map.of("qr_code", forged))
                .post("/api/v1/admin/events/" + event + "/tickets/check-in").then().statusCode(422)
                .body("code", equalTo("invalid_ticket_code"));
        UUID otherEvent = UUID.randomUUID();
        given().auth().oauth2(Tokens.coordinator(otherEvent)).contentType("application/json")
                .body(Map.of("qr_code", qr)).post("/api/v1/admin/events/" + otherEvent + "/tickets/check-in")
                .then().statusCode(422).body("code", equalTo("invalid_ticket_code"));
        given().auth().oauth2(admin()).contentType("application/json").body(Map.of("qr_code", "garbage"))
                .post("/api/v1/admin/events/" + event + "/tickets/check-in").then().statusCode(422);
    }

    @Test
    void exportsOneSafeRowPerSeatWithOptionColumns() {
        UUID meal = UUID.randomUUID();
        UUID note = UUID.randomUUID();
        UUID extras = UUID.randomUUID();
        JsonObject snapshot = CatalogFeed.table(event, UUID.randomUUID(), "100.00", 2, null).put("custom_options",
                new JsonArray().add(CatalogFeed.option(meal, "Meal", "single_select", List.of("Fish", "Beef"), true, 0))
                        .add(CatalogFeed.option(note, "Note", "text_input", null, false, 1))
                        .add(CatalogFeed.option(extras, "Extras", "multi_select", List.of("Wine", "Valet"), false, 2)));
        UUID table = published(snapshot);
        String purchase = buy(UUID.randomUUID(), table, 1, null, new JsonArray().add(answer(meal, "Fish"))
                .add(answer(note, "=1+1,\"a\"")).add(answer(extras, new JsonArray().add("Wine").add("Valet"))))
                .then().statusCode(201).extract().path("id");
        Response csv = given().auth().oauth2(admin())
                .get("/api/v1/admin/events/" + event + "/tickets/purchases/export.csv");
        csv.then().statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"));
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.asString().split("\r\n");
        assertThat(lines[0]).isEqualTo("purchase_id,ticket_number,purchased_at,donor_id,package_id,package_name,"
                + "quantity,base_price,discount_amount,total_price,promo_code,donation_amount,refunded_amount,"
                + "ticket_status,Meal,Note,Extras");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(purchase + ",").contains(",100.00,0.00,100.00,,0.00,0.00,valid,Fish,")
                .contains(",\"'=1+1,\"\"a\"\"\",").endsWith(",Wine; Valet");
        String guests = given().auth().oauth2(admin()).get("/api/v1/admin/events/" + event + "/tickets/guests.csv")
                .then().statusCode(200).extract().asString();
        assertThat(guests.split("\r\n")[0]).isEqualTo("ticket_number,package_name,purchase_id,donor_id,guest_name,"
                + "guest_email,checked_in_at,Meal,Note,Extras");
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID()))
                .get("/api/v1/admin/events/" + event + "/tickets/purchases/export.csv").then().statusCode(403);
    }

    private Response patch(UUID donor, String ticket, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.donor(donor)).contentType("application/json").body(body)
                .patch("/api/v1/me/tickets/" + ticket);
    }
}
