package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * API.md, "Door operations", through the gateway: door staff work the door of their event and are refused every
 * other admin endpoint of every service; two offline devices admit a ticket once.
 */
class DoorSystemTests {

    private static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);
    private final String door = SystemTokens.sign(UUID.randomUUID(), List.of("door_staff"), List.of(event.toString()),
            3600);

    @Test
    void doorStaffCanSearchCheckInUndoAndSyncButNothingElse() throws Exception {
        String packageId = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Door seats", "price", 10))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        Await.until("package on sale", Duration.ofSeconds(15), () -> StackControl.query("purchase",
                "select count(*) from inventory where enabled and package_id = '" + packageId + "'") == 1);
        UUID donor = UUID.randomUUID();
        JsonPath bought = given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("package_id", packageId, "quantity", 2))
                .post(GATEWAY + "/api/v1/events/" + event + "/tickets/purchase").then().statusCode(201).extract()
                .jsonPath();
        given().auth().oauth2(SystemTokens.donor(donor)).contentType("application/json")
                .body(Map.of("guest_name", "Katherine Johnson"))
                .patch(GATEWAY + "/api/v1/me/tickets/" + bought.getString("tickets[1].id")).then().statusCode(200);
        String base = GATEWAY + "/api/v1/admin/events/" + event + "/tickets";

        String found = given().auth().oauth2(door).queryParam("q", "katherine").get(base + "/attendees").then()
                .statusCode(200).extract().path("attendees[0].ticket_id");
        assertThat(found).isEqualTo(bought.getString("tickets[1].id"));
        given().auth().oauth2(door).contentType("application/json")
                .body(Map.of("qr_code", bought.getString("tickets[0].qr_code"))).post(base + "/check-in").then()
                .statusCode(200);
        given().auth().oauth2(door).delete(base + "/check-ins/" + bought.getString("tickets[0].id")).then()
                .statusCode(204);
        given().auth().oauth2(door).get(base + "/check-in/summary").then().statusCode(200);
        given().auth().oauth2(door).get(base + "/door-list").then().statusCode(200);

        // two offline devices upload the same ticket at once: one admission
        String qr = bought.getString("tickets[1].qr_code");
        List<String> results = StartBarrier.concurrently(2, device -> given().auth().oauth2(door)
                .contentType("application/json")
                .body(Map.of("device_id", "phone-" + device, "scans", List.of(Map.of("qr_code", qr, "nonce",
                        "scan-1", "scanned_at", Instant.now().minusSeconds(30).toString()))))
                .post(base + "/check-ins/batch").then().statusCode(200).extract().<String>path("results[0].result"));
        assertThat(results).containsExactlyInAnyOrder("checked_in", "already_checked_in");
        assertThat(given().auth().oauth2(door).get(base + "/check-ins").jsonPath().getList("check_ins.action"))
                .containsExactly("check_in", "undo", "check_in");

        // refused everywhere else, in every service
        for (String path : List.of(base + "/packages", base + "/purchases", base + "/purchases/export.csv",
                base + "/guests.csv", base + "/sales", GATEWAY + "/api/v1/admin/events/" + event + "/promo-codes")) {
            Response refused = given().auth().oauth2(door).get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.jsonPath().getString("code")).isEqualTo("forbidden");
        }
        given().auth().oauth2(door).contentType("application/json").body(Map.of("name", "x", "price", 1))
                .post(base + "/packages").then().statusCode(403);
        // another event's door staff
        given().auth().oauth2(SystemTokens.sign(UUID.randomUUID(), List.of("door_staff"),
                List.of(UUID.randomUUID().toString()), 3600)).get(base + "/attendees").then().statusCode(403);
    }
}
