package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Door operations of API.md: the door_staff role, attendee search, counts, undo and its log, the door list's delta
 * sync and offline uploads that admit each ticket once.
 */
@QuarkusTest
class DoorTests extends SaleFixture {

    private final UUID staff = UUID.randomUUID();

    private String door() {
        return Tokens.token(staff, Set.of("door_staff"), List.of(event.toString()));
    }

    private String base() {
        return "/api/v1/admin/events/" + event + "/tickets";
    }

    private Response upload(String device, List<JsonObject> scans) {
        return given().auth().oauth2(door()).contentType("application/json")
                .body(new JsonObject().put("device_id", device).put("scans", new JsonArray(scans)).encode())
                .post(base() + "/check-ins/batch");
    }

    private static JsonObject scan(String qr, String nonce, Instant at) {
        return new JsonObject().put("qr_code", qr).put("nonce", nonce).put("scanned_at", at.toString());
    }

    @Test
    void doorStaffWorkTheDoorAndNothingElse() {
        UUID packageId = packageOnSale("10.00", null, null);
        Response bought = buy(UUID.randomUUID(), packageId, 2, null, null);
        String qr = bought.jsonPath().getString("tickets[0].qr_code");
        String ticket = bought.jsonPath().getString("tickets[0].id");
        given().auth().oauth2(door()).contentType("application/json").body(Map.of("qr_code", qr, "device_id", "gate-1"))
                .post(base() + "/check-in").then().statusCode(200);
        given().auth().oauth2(door()).get(base() + "/check-in/summary").then().statusCode(200)
                .body("checked_in", equalTo(1)).body("total", equalTo(2)).body("packages", hasSize(1))
                .body("packages[0].checked_in", equalTo(1));
        given().auth().oauth2(door()).queryParam("q", bought.jsonPath().getString("tickets[1].ticket_number"))
                .get(base() + "/attendees").then().statusCode(200).body("total", equalTo(1))
                .body("attendees[0].ticket_id", equalTo(bought.jsonPath().getString("tickets[1].id")));
        given().auth().oauth2(door()).delete(base() + "/check-ins/" + ticket).then().statusCode(204);
        given().auth().oauth2(door()).delete(base() + "/check-ins/" + ticket).then().statusCode(409)
                .body("code", equalTo("not_checked_in"));
        given().auth().oauth2(door()).delete(base() + "/check-ins/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("ticket_not_found"));
        given().auth().oauth2(door()).contentType("application/json").body(Map.of("qr_code", qr))
                .post(base() + "/check-in").then().statusCode(200);
        JsonPath log = given().auth().oauth2(door()).get(base() + "/check-ins").then().statusCode(200).extract()
                .jsonPath();
        assertThat(log.getList("check_ins.action")).containsExactly("check_in", "undo", "check_in");
        assertThat(log.getList("check_ins.by")).containsOnly(staff.toString());
        assertThat(log.getString("check_ins[2].device_id")).isEqualTo("gate-1");
        assertThat(log.getInt("total")).isEqualTo(3);
        given().auth().oauth2(door()).get(base() + "/door-list").then().statusCode(200);

        // no money, no exports, no packages, no promo codes, no orders
        for (String path : List.of("/purchases", "/purchases/export.csv", "/guests.csv",
                "/purchases/" + bought.jsonPath().getString("id"))) {
            given().auth().oauth2(door()).get(base() + path).then().statusCode(403).body("code", equalTo("forbidden"));
        }
        given().auth().oauth2(door()).contentType("application/json").body(Map.of("reason", "x"))
                .post(base() + "/purchases/" + bought.jsonPath().getString("id") + "/cancellations").then()
                .statusCode(403);
        given().auth().oauth2(door()).post(base() + "/" + ticket + "/resend").then().statusCode(403);
        // another event's door staff
        given().auth().oauth2(Tokens.token(UUID.randomUUID(), Set.of("door_staff"), List.of(UUID.randomUUID()
                .toString()))).get(base() + "/attendees").then().statusCode(403);
    }

    @Test
    void twoDevicesUploadingTheSameTicketAtOnceAdmitItOnce() throws Exception {
        UUID packageId = packageOnSale("10.00", null, null);
        for (int round = 0; round < 10; round++) {
            Response bought = buy(UUID.randomUUID(), packageId, 1, null, null);
            String qr = bought.jsonPath().getString("tickets[0].qr_code");
            Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
            int r = round;
            List<Response> both = concurrently(2,
                    i -> upload("device-" + i, List.of(scan(qr, "n-" + r + "-" + i, at.plusMillis(i)))));
            List<String> results = both.stream().map(answer -> answer.then().statusCode(200).extract().jsonPath()
                    .getString("results[0].result")).toList();
            assertThat(results).containsExactlyInAnyOrder("checked_in", "already_checked_in");
            int winner = results.indexOf("checked_in");
            assertThat(both.get(winner).jsonPath().getString("results[0].checked_in_at"))
                    .isEqualTo(at.plusMillis(winner).toString());
            assertThat(both.get(1 - winner).jsonPath().getString("results[0].checked_in_at"))
                    .as("the loser learns when it was admitted").isEqualTo(at.plusMillis(winner).toString());
        }
        long logged = pool.preparedQuery("SELECT count(*) AS n FROM check_in_log WHERE event_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(event)).await().indefinitely().iterator().next()
                .getLong("n");
        assertThat(logged).as("one admission per ticket").isEqualTo(10);
    }

    @Test
    void aRepeatedUploadGetsTheSameResultsAndChangesNothing() throws Exception {
        UUID packageId = packageOnSale("10.00", null, null);
        Response bought = buy(UUID.randomUUID(), packageId, 3, null, null);
        Response other = buy(UUID.randomUUID(), packageId, 1, null, null);
        given().auth().oauth2(Tokens.coordinator(event)).contentType("application/json")
                .body(Map.of("reason", "gone")).post(base() + "/purchases/" + other.jsonPath().getString("id")
                        + "/cancellations")
                .then().statusCode(201);
        Instant at = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
        String forged = bought.jsonPath().getString("tickets[0].qr_code");
        forged = forged.substring(0, forged.length() - 3) + (forged.endsWith("AAA") ? "BBB" : "AAA");
        List<JsonObject> scans = List.of(scan(bought.jsonPath().getString("tickets[0].qr_code"), "a", at),
                scan(bought.jsonPath().getString("tickets[0].qr_code"), "b", at.plusSeconds(1)),
                scan(other.jsonPath().getString("tickets[0].qr_code"), "c", at), scan(forged, "d", at),
                scan(bought.jsonPath().getString("tickets[1].qr_code"), "e", at.plusSeconds(2)));
        List<String> expected = List.of("checked_in", "already_checked_in", "cancelled", "invalid", "checked_in");
        List<Response> answers = concurrently(4, i -> upload("gate-A", scans));
        for (Response answer : answers) {
            assertThat(answer.then().statusCode(200).extract().jsonPath().getList("results.result"))
                    .containsExactlyElementsOf(expected);
            assertThat(answer.jsonPath().getList("results.nonce")).containsExactly("a", "b", "c", "d", "e");
        }
        assertThat(answers.stream().map(answer -> answer.jsonPath().getString("results[0].checked_in_at")))
                .containsOnly(at.toString());
        upload("gate-A", scans).then().body("results.result", equalTo(expected));
        assertThat(given().auth().oauth2(door()).get(base() + "/check-ins").jsonPath().getInt("total")).isEqualTo(2);
        // a forged code or another event's answers invalid and carries no ticket
        assertThat(answers.get(0).jsonPath().getString("results[3].ticket_id")).isNull();

        upload("gate-A", List.of()).then().statusCode(422);
        upload("", List.of(scan("x", "n", at))).then().statusCode(422);
        upload("gate-A", List.of(scan("x", "", at))).then().statusCode(422);
        upload("gate-A", List.of(new JsonObject().put("qr_code", "x").put("nonce", "n").put("scanned_at", "soon")))
                .then().statusCode(422).body("errors[0].field", equalTo("scans[0].scanned_at"));
        List<JsonObject> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(scan("x", "n" + i, at));
        }
        upload("gate-A", tooMany).then().statusCode(422);
    }

    @Test
    void theDoorListSyncsEveryChangeOnceFromItsCursor() throws Exception {
        UUID packageId = packageOnSale("10.00", null, null);
        Response bought = buy(UUID.randomUUID(), packageId, 3, null, null);
        JsonPath first = given().auth().oauth2(door()).get(base() + "/door-list").then().statusCode(200).extract()
                .jsonPath();
        assertThat(first.getList("tickets")).hasSize(3);
        assertThat(first.getBoolean("more")).isFalse();
        String cursor = first.getString("cursor");
        given().auth().oauth2(door()).queryParam("cursor", cursor).get(base() + "/door-list").then()
                .body("tickets", hasSize(0)).body("cursor", equalTo(cursor));
        given().auth().oauth2(Tokens.coordinator(event)).contentType("application/json")
                .body(Map.of("reason", "x", "ticket_ids", List.of(bought.jsonPath().getString("tickets[2].id"))))
                .post(base() + "/purchases/" + bought.jsonPath().getString("id") + "/cancellations").then()
                .statusCode(201);
        given().auth().oauth2(door()).contentType("application/json")
                .body(Map.of("qr_code", bought.jsonPath().getString("tickets[0].qr_code")))
                .post(base() + "/check-in").then().statusCode(200);
        JsonPath delta = given().auth().oauth2(door()).queryParam("cursor", cursor).get(base() + "/door-list").then()
                .statusCode(200).extract().jsonPath();
        Map<String, String> statuses = new HashMap<>();
        for (Map<String, Object> row : delta.<Map<String, Object>>getList("tickets")) {
            statuses.put((String) row.get("ticket_id"), row.get("status") + "/" + (row.get("checked_in_at") != null));
        }
        assertThat(statuses).containsOnly(
                Map.entry(bought.jsonPath().getString("tickets[2].id"), "cancelled/false"),
                Map.entry(bought.jsonPath().getString("tickets[0].id"), "valid/true"));
        given().auth().oauth2(door()).queryParam("cursor", "garbage").get(base() + "/door-list").then()
                .statusCode(422).body("errors[0].field", equalTo("cursor"));

        // paging: 1,000 at most, every ticket exactly once over the pages
        UUID big = packageOnSale("1.00", null, null);
        for (int i = 0; i < 11; i++) {
            buy(UUID.randomUUID(), big, 100, null, null).then().statusCode(201);
        }
        Set<String> seen = new HashSet<>();
        String position = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            var request = given().auth().oauth2(door());
            if (position != null) {
                request.queryParam("cursor", position);
            }
            JsonPath page = request.get(base() + "/door-list").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("tickets.ticket_id");
            assertThat(ids.size()).isLessThanOrEqualTo(1_000);
            for (String id : ids) {
                assertThat(seen.add(id)).as("ticket " + id + " once").isTrue();
            }
            position = page.getString("cursor");
            more = page.getBoolean("more");
            pages++;
        }
        assertThat(seen).hasSize(3 + 1_100);
        assertThat(pages).isEqualTo(2);
    }
}
