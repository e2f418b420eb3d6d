package org.fundrbolt.tickets.catalog.repository;

import static org.fundrbolt.tickets.catalog.repository.Rows.instant;
import static org.fundrbolt.tickets.catalog.repository.Rows.timestamp;
import static org.fundrbolt.tickets.catalog.repository.Rows.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.AuditEntry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The append-only audit log: inserts and reads only (the database refuses anything else). */
@ApplicationScoped
public class AuditRepository {

    public Uni<Void> insertAll(SqlConnection conn, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (AuditEntry e : entries) {
            batch.add(tuple(e.id(), e.eventId(), e.packageId(), e.entityType(), e.entityId(), e.action(), e.fieldName(),
                    e.oldValue(), e.newValue(), e.userId(), timestamp(e.createdAt())));
        }
        // seq follows the batch order, which is the order "newest first" relies on.
        return conn.preparedQuery("INSERT INTO audit_log (id, event_id, package_id, entity_type, entity_id, action,"
                + " field_name, old_value, new_value, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .executeBatch(batch).replaceWithVoid();
    }

    public Uni<List<AuditEntry>> newestFirst(SqlClient client, UUID eventId, UUID packageId) {
        return client.preparedQuery("SELECT * FROM audit_log WHERE package_id = $1 AND event_id = $2 ORDER BY seq DESC")
                .execute(tuple(packageId, eventId)).map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new AuditEntry(row.getUUID("id"), row.getUUID("event_id"),
                                row.getUUID("package_id"),
                                row.getString("entity_type"), row.getUUID("entity_id"), row.getString("action"),
                                row.getString("field_name"), row.getString("old_value"), row.getString("new_value"),
                                row.getUUID("user_id"), instant(row, "created_at")));
                    }
                    return entries;
                });
    }
}
