package org.fundrbolt.tickets.media.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The transactional outbox: events written with the change they announce, published later by the relay. */
@ApplicationScoped
public class OutboxRepository {

    /** One event waiting to be published. */
    public record Pending(long id, String topic, String key, String payload) {
    }

    public Uni<Void> add(SqlConnection connection, String topic, String key, String payloadJson) {
        // Bound as text and cast: the PostgreSQL client would otherwise encode a Java String as a JSON string.
        return connection.preparedQuery("INSERT INTO outbox (topic, message_key, payload) VALUES ($1, $2, CAST($3::text AS jsonb))")
                .execute(Tuple.of(topic, key, payloadJson)).replaceWithVoid();
    }

    public Uni<List<Pending>> oldestUnpublished(SqlConnection connection, int limit) {
        return connection.preparedQuery("SELECT id, topic, message_key, payload::text AS payload FROM outbox"
                + " WHERE published_at IS NULL ORDER BY id LIMIT $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("topic"),
                                row.getString("message_key"), row.getString("payload")));
                    }
                    return pending;
                });
    }

    public Uni<Void> markPublished(SqlConnection connection, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid();
    }

    public Uni<Long> countUnpublished(SqlClient client) {
        return client.query("SELECT count(*) AS lag FROM outbox WHERE published_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong("lag"));
    }
}
