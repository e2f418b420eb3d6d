package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Ticket numbers count per event: two events whose ids share the printed prefix each number from 1, so one event's
 * numbers say nothing of the other's volume; concurrent claims of an event's packages never share a number.
 */
@QuarkusTest
class TicketNumberTests extends SaleFixture {

    private static UUID eventWithPrefix(String prefix) {
        return UUID.fromString(prefix + UUID.randomUUID().toString().substring(prefix.length()));
    }

    private UUID packageOf(UUID eventId) {
        return published(CatalogFeed.snapshot(eventId, UUID.randomUUID(), "20.00", null, 1));
    }

    private static List<String> numbers(UUID eventId, UUID packageId, int quantity) {
        String body = new JsonObject().put("package_id", packageId.toString()).put("quantity", quantity).encode();
        return given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json").body(body)
                .post("/api/v1/events/" + eventId + "/tickets/purchase").then().statusCode(201).extract().jsonPath()
                .getList("tickets.ticket_number", String.class);
    }

    @Test
    void eventsSharingAPrefixEachNumberTheirOwnTicketsFromOne() throws Exception {
        String prefix = Integer.toHexString(0x1000 + (int) (Math.random() * 0xefff));
        UUID busy = eventWithPrefix(prefix);
        UUID quiet = eventWithPrefix(prefix);
        UUID busyTables = packageOf(busy);
        UUID busySeats = packageOf(busy);
        UUID quietSeats = packageOf(quiet);
        String printed = "E" + prefix.toUpperCase(java.util.Locale.ROOT) + "-";

        assertThat(numbers(busy, busyTables, 3)).containsExactly(printed + "000001", printed + "000002",
                printed + "000003");
        // Concurrent claims of two packages of the event: every number once, none shared.
        List<List<String>> concurrent = concurrently(20, i -> numbers(busy, i % 2 == 0 ? busyTables : busySeats, 2));
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        concurrent.forEach(all::addAll);
        seen.addAll(all);
        assertThat(seen).hasSize(40);
        assertThat(all).allSatisfy(number -> assertThat(Integer.parseInt(number.substring(printed.length())))
                .isBetween(4, 43));

        // The other event's first ticket is its number 1, whatever the first one sold.
        assertThat(numbers(quiet, quietSeats, 1)).containsExactly(printed + "000001");
    }
}
