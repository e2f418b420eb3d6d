package org.fundrbolt.tickets.catalog.repository;

import static org.fundrbolt.tickets.catalog.repository.Rows.instant;
import static org.fundrbolt.tickets.catalog.repository.Rows.json;
import static org.fundrbolt.tickets.catalog.repository.Rows.timestamp;
import static org.fundrbolt.tickets.catalog.repository.Rows.tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.CustomOption;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** SQL of custom options; the unique (package_id, slot) of the schema is the last word on "at most four". */
@ApplicationScoped
public class OptionRepository {

    public Uni<Map<UUID, List<CustomOption>>> listByPackages(SqlClient client, List<UUID> packageIds) {
        return client.preparedQuery("SELECT id, package_id, slot, label, option_type, choices, is_required,"
                + " display_order, max_length, created_at FROM custom_ticket_options WHERE package_id = ANY($1)"
                + " ORDER BY display_order, created_at, id")
                .execute(tuple((Object) packageIds.toArray(new UUID[0]))).map(rows -> {
                    Map<UUID, List<CustomOption>> byPackage = new HashMap<>();
                    for (Row row : rows) {
                        CustomOption option = map(row);
                        byPackage.computeIfAbsent(option.packageId, id -> new ArrayList<>()).add(option);
                    }
                    return byPackage;
                });
    }

    public Uni<Void> insert(SqlConnection conn, CustomOption o) {
        return conn
                .preparedQuery("INSERT INTO custom_ticket_options (id, package_id, slot, label, option_type, choices,"
                        + " is_required, display_order, max_length, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(tuple(o.id, o.packageId, (short) o.slot, o.label, o.optionType, json(o.choices), o.required,
                        o.displayOrder, o.maxLength, timestamp(o.createdAt)))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlConnection conn, CustomOption o) {
        return conn.preparedQuery("UPDATE custom_ticket_options SET label = $2, option_type = $3, choices = $4,"
                + " is_required = $5, display_order = $6, max_length = $7 WHERE id = $1")
                .execute(tuple(o.id, o.label, o.optionType, json(o.choices), o.required, o.displayOrder, o.maxLength))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlConnection conn, UUID optionId) {
        return conn.preparedQuery("DELETE FROM custom_ticket_options WHERE id = $1").execute(tuple(optionId))
                .replaceWithVoid();
    }

    private static CustomOption map(Row row) {
        CustomOption o = new CustomOption();
        o.id = row.getUUID("id");
        o.packageId = row.getUUID("package_id");
        o.slot = row.getShort("slot");
        o.label = row.getString("label");
        o.optionType = row.getString("option_type");
        o.choices = Rows.strings(row.getValue("choices"));
        o.required = row.getBoolean("is_required");
        o.displayOrder = row.getInteger("display_order");
        o.maxLength = row.getInteger("max_length");
        o.createdAt = instant(row, "created_at");
        return o;
    }
}
