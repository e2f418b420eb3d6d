package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.fundrbolt.tickets.gateway.edge.RouteTable.Access;
import org.junit.jupiter.api.Test;

/** The door endpoints admit door staff; every other admin path stays administration (API.md, "Door operations"). */
class RouteTableTest {

    private final String admin = "/api/v1/admin/events/" + UUID.randomUUID() + "/";

    private Access access(String path) {
        return RouteTable.match(path).orElseThrow().access();
    }

    @Test
    void onlyTheDoorPathsAreOpenToDoorStaff() {
        for (String door : new String[]{"tickets/attendees", "tickets/check-in", "tickets/check-in/summary",
                "tickets/check-ins", "tickets/check-ins/batch", "tickets/check-ins/" + UUID.randomUUID(),
                "tickets/door-list"}) {
            assertThat(access(admin + door)).as(door).isEqualTo(Access.DOOR);
        }
        for (String other : new String[]{"tickets/purchases", "tickets/purchases/export.csv", "tickets/guests.csv",
                "tickets/purchases/" + UUID.randomUUID() + "/cancellations", "tickets/" + UUID.randomUUID() + "/resend",
                "tickets/packages", "tickets/sales", "promo-codes", "tickets/check-in/summary/x",
                "tickets/check-ins/a/b"}) {
            RouteTable.match(admin + other)
                    .ifPresent(route -> assertThat(route.access()).as(other).isEqualTo(Access.ADMIN));
        }
    }
}
