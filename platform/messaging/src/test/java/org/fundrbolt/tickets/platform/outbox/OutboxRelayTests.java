package org.fundrbolt.tickets.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.fundrbolt.tickets.platform.outbox.Outbox.Pending;
import org.junit.jupiter.api.Test;

class OutboxRelayTests {

    private static final List<Pending> PENDING = List.of(
            new Pending(11, "purchase.sales", "p1", "{}"),
            new Pending(12, "purchase.sales", "p2", "{}"),
            new Pending(13, "purchase.sales", "p1", "{}"));

    @Test
    void marksEveryRowWhenKafkaAcknowledgedAll() {
        assertThat(OutboxRelay.acknowledgedPrefix(PENDING, List.of(true, true, true))).containsExactly(11L, 12L, 13L);
    }

    @Test
    void neverMarksARowAfterTheFirstUnacknowledgedOne() {
        // Row 13 was acknowledged, but row 12 before it was not: 13 must wait, or it would overtake 12.
        assertThat(OutboxRelay.acknowledgedPrefix(PENDING, List.of(true, false, true))).containsExactly(11L);
        assertThat(OutboxRelay.acknowledgedPrefix(PENDING, List.of(false, true, true))).isEmpty();
    }

    @Test
    void everyReplicaOfAServiceSharesOneLockAndServicesDoNot() {
        assertThat(OutboxRelay.lockKey("catalog-service")).isEqualTo(OutboxRelay.lockKey("catalog-service"));
        assertThat(OutboxRelay.lockKey("catalog-service")).isNotEqualTo(OutboxRelay.lockKey("media-service"));
    }
}
