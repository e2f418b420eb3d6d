package org.fundrbolt.tickets.purchase.repository;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each event's ticket numbers come from its own sequence (V9 migration), so one event's numbers say nothing about
 * another's volume. The sequence is created before an event's first claim, outside the claim's transaction (DDL in
 * it would hold the claim up and could abort it in a race); the database function tolerates creators racing on
 * several replicas. Which events have one is remembered for the life of the process.
 */
@ApplicationScoped
public class TicketSequences {

    private static final String NUMBERS = "SELECT nextval($1::text::regclass) AS n FROM generate_series(1, $2)";

    private final Pool pool;
    private final Set<UUID> ready = ConcurrentHashMap.newKeySet();

    public TicketSequences(Pool pool) {
        this.pool = pool;
    }

    /** Makes sure the event's sequence exists (a no-op once it is known to). */
    public Uni<Void> ensure(UUID eventId) {
        if (ready.contains(eventId)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("SELECT ticket_sequence($1)::text AS name").execute(Tuple.of(eventId))
                .invoke(() -> ready.add(eventId)).replaceWithVoid();
    }

    /** {@code count} numbers of the event's sequence, in order, on the claim's connection. */
    public Uni<java.util.List<Long>> next(SqlConnection connection, UUID eventId, int count) {
        return connection.preparedQuery(NUMBERS).execute(Tuple.of(name(eventId), count)).map(rows -> {
            java.util.List<Long> numbers = new java.util.ArrayList<>(count);
            rows.forEach(row -> numbers.add(row.getLong("n")));
            return numbers;
        });
    }

    static String name(UUID eventId) {
        return "ticket_seq_" + eventId.toString().replace("-", "").toLowerCase(Locale.ROOT);
    }
}
