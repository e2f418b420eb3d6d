package org.fundrbolt.tickets.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class PgErrorsTests {

    private static final String KEY_INDEX = "uq_purchases_donor_idempotency_key";

    private static PgException pg(String sqlState, String constraint) {
        return new PgException("failed", "ERROR", sqlState, null, null, null, null, null, null, null, null, null,
                "public", "purchases", null, null, constraint);
    }

    @Test
    void recognisesOnlyTheNamedUniqueIndex() {
        PgException keyTaken = pg("23505", KEY_INDEX);
        assertThat(PgErrors.isUniqueViolation(keyTaken, KEY_INDEX)).isTrue();
        assertThat(PgErrors.isUniqueViolation(pg("23505", "uq_tickets_event_number"),
                KEY_INDEX)).isFalse();
        assertThat(PgErrors.isUniqueViolation(pg("23505", null), KEY_INDEX)).isFalse();
        assertThat(PgErrors.isUniqueViolation(pg("23514", KEY_INDEX),
                KEY_INDEX)).isFalse();
        assertThat(PgErrors.isUniqueViolation(new NoSuchElementException(), KEY_INDEX))
                .isFalse();
    }

    @Test
    void takesALostConnectionAsAnUnknownOutcome() {
        assertThat(PgErrors.isConnectionLost(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(PgErrors.isConnectionLost(new ConnectException("Connection refused"))).isTrue();
        assertThat(PgErrors.isConnectionLost(pg("57P01", null))).isTrue(); // terminated by an administrator
        assertThat(PgErrors.isConnectionLost(pg("08006", null))).isTrue();
        // The server answered about the statement: the transaction is rolled back, the outcome is known.
        assertThat(PgErrors.isConnectionLost(pg("23505", "uq_tickets_event_number"))).isFalse();
        assertThat(PgErrors.isConnectionLost(pg("23514", "ck_inventory_sold_within_limit"))).isFalse();
        assertThat(PgErrors.isConnectionLost(new NullPointerException())).isFalse();
        assertThat(PgErrors.isConnectionLost(null)).isFalse();
    }
}
