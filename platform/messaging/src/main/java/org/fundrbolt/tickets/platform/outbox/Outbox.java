package org.fundrbolt.tickets.platform.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox of ARCHITECTURE.md: rows are written on the caller's connection, in the
 * transaction of the change they describe, and published after commit by {@link OutboxRelay}. Every
 * service that publishes owns a table {@code outbox (id bigserial, topic, message_key, payload jsonb,
 * created_at, published_at)} in its own migrations.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox (topic, message_key, payload) VALUES ($1, $2, $3::text::jsonb)";

    /** One unpublished row. */
    record Pending(long id, String topic, String key, String payload) {
    }

    public Uni<Void> add(SqlConnection conn, OutboxMessage message) {
        return conn.preparedQuery(INSERT).execute(Tuple.of(message.topic(), message.key(), message.payload()))
                .replaceWithVoid();
    }

    public Uni<Void> add(SqlConnection conn, String topic, String key, String payload) {
        return add(conn, new OutboxMessage(topic, key, payload));
    }

    /** Several rows in one round trip, in list order (so in id order, which is publish order). */
    public Uni<Void> addAll(SqlConnection conn, List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = messages.stream().map(m -> Tuple.of(m.topic(), m.key(), m.payload())).toList();
        return conn.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    Uni<Boolean> tryRelayLock(SqlConnection conn, long lockKey) {
        return conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(lockKey))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    Uni<List<Pending>> oldestUnpublished(SqlConnection conn, int limit) {
        return conn.preparedQuery("SELECT id, topic, message_key, payload::text AS payload FROM outbox"
                + " WHERE published_at IS NULL ORDER BY id LIMIT $1").execute(Tuple.of(limit)).map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("topic"), row.getString("message_key"),
                                row.getString("payload")));
                    }
                    return pending;
                });
    }

    Uni<Void> markPublished(SqlConnection conn, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid();
    }

    Uni<Long> countUnpublished(SqlClient client) {
        return client.query("SELECT count(*) FROM outbox WHERE published_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Deletes at most {@code limit} rows published more than {@code ageSeconds} ago; answers how many. */
    Uni<Integer> prunePublished(SqlClient client, long ageSeconds, int limit) {
        return client
                .preparedQuery("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at IS NOT NULL"
                        + " AND published_at < now() - make_interval(secs => $1) ORDER BY id LIMIT $2)")
                .execute(Tuple.of((double) ageSeconds, limit)).map(rows -> rows.rowCount());
    }
}
