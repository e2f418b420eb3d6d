package org.fundrbolt.tickets.catalog.repository;

import static org.fundrbolt.tickets.catalog.repository.Rows.tuple;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** The transactional outbox: rows are written with the change they describe and published after commit. */
@ApplicationScoped
public class OutboxRepository {

    /** One unpublished message. */
    public record Pending(long id, String topic, String key, String payload) {
    }

    public Uni<Void> insert(SqlConnection conn, String topic, String key, String payload) {
        return conn.preparedQuery("INSERT INTO outbox (topic, message_key, payload) VALUES ($1, $2, $3::text::jsonb)")
                .execute(tuple(topic, key, payload)).replaceWithVoid();
    }

    public Uni<Boolean> tryRelayLock(SqlConnection conn, long lockKey) {
        return conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(tuple(lockKey))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<List<Pending>> oldestUnpublished(SqlConnection conn, int limit) {
        return conn.preparedQuery("SELECT id, topic, message_key, payload::text AS payload FROM outbox"
                + " WHERE published_at IS NULL ORDER BY id LIMIT $1").execute(tuple(limit)).map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("topic"), row.getString("message_key"),
                                row.getString("payload")));
                    }
                    return pending;
                });
    }

    public Uni<Void> markPublished(SqlConnection conn, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(tuple((Object) ids.toArray(new Long[0]))).replaceWithVoid();
    }

    public Uni<Long> countUnpublished(SqlClient client) {
        return client.query("SELECT count(*) FROM outbox WHERE published_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
