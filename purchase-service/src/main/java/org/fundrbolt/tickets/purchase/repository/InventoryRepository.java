package org.fundrbolt.tickets.purchase.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.InventoryItem;
import org.fundrbolt.tickets.purchase.domain.OptionDefinition;
import org.fundrbolt.tickets.purchase.domain.PackageSnapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query of the inventory table, the authoritative stock of each package. */
@ApplicationScoped
public class InventoryRepository {

    static final String COLUMNS = "package_id, event_id, name, unit_price, quantity_limit, enabled, deleted, "
            + "seats_per_package, fair_market_value, option_schema::text AS option_schema, sold_count, version, catalog_version";

    private final Pool pool;
    private final ObjectMapper json;

    public InventoryRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.json = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Uni<Optional<InventoryItem>> find(UUID packageId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM inventory WHERE package_id = $1")
                .execute(Tuple.of(packageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(item(rows.iterator().next())));
    }

    /**
     * Applies a catalog snapshot unless the row already reflects a newer catalog version (a late, older
     * snapshot never undoes a set-limit or retire); a snapshot never lowers the limit below what is sold.
     */
    public Uni<Void> apply(PackageSnapshot snapshot) {
        String sql = """
                INSERT INTO inventory (package_id, event_id, name, unit_price, quantity_limit, enabled, deleted,
                    seats_per_package, fair_market_value, option_schema, catalog_version, display_order, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ($10::text)::jsonb, $11, $12, now())
                ON CONFLICT (package_id) DO UPDATE SET
                    event_id = EXCLUDED.event_id, name = EXCLUDED.name, unit_price = EXCLUDED.unit_price,
                    quantity_limit = CASE WHEN EXCLUDED.quantity_limit IS NULL THEN NULL
                                          ELSE GREATEST(EXCLUDED.quantity_limit, inventory.sold_count) END,
                    enabled = EXCLUDED.enabled, deleted = EXCLUDED.deleted,
                    seats_per_package = EXCLUDED.seats_per_package, fair_market_value = EXCLUDED.fair_market_value,
                    option_schema = EXCLUDED.option_schema, catalog_version = EXCLUDED.catalog_version,
                    display_order = EXCLUDED.display_order, updated_at = now()
                WHERE inventory.catalog_version <= EXCLUDED.catalog_version
                """;
        boolean enabled = !snapshot.deleted() && Boolean.TRUE.equals(snapshot.isEnabled());
        Tuple params = Tuple.tuple(List.of(snapshot.packageId(), snapshot.eventId(),
                snapshot.name() == null ? "" : snapshot.name(),
                snapshot.price() == null ? java.math.BigDecimal.ZERO : snapshot.price()))
                .addValue(snapshot.quantityLimit())
                .addValue(enabled).addValue(snapshot.deleted())
                .addValue(snapshot.seatsPerPackage() == null ? 1 : snapshot.seatsPerPackage())
                .addValue(snapshot.fairMarketValue())
                .addValue(write(snapshot.customOptions() == null ? List.of() : snapshot.customOptions()))
                .addValue(snapshot.version())
                .addValue(snapshot.displayOrder() == null ? 0 : snapshot.displayOrder());
        return pool.preparedQuery(sql).execute(params).replaceWithVoid();
    }

    /**
     * The catalog's "set limit": {@code quantity_limit = :n WHERE sold_count <= :n} (null always applies),
     * creating the row if the snapshot has not arrived yet. Empty when the limit would fall below what is sold.
     */
    public Uni<Optional<Integer>> setLimit(UUID packageId, UUID eventId, Integer limit, long catalogVersion) {
        String sql = """
                INSERT INTO inventory (package_id, event_id, quantity_limit, catalog_version)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (package_id) DO UPDATE SET quantity_limit = EXCLUDED.quantity_limit,
                    catalog_version = GREATEST(inventory.catalog_version, EXCLUDED.catalog_version),
                    version = inventory.version + 1, updated_at = now()
                WHERE EXCLUDED.quantity_limit IS NULL OR inventory.sold_count <= EXCLUDED.quantity_limit
                RETURNING sold_count
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(packageId, eventId, limit, catalogVersion))
                .map(rows -> rows.size() == 0
                        ? Optional.<Integer>empty()
                        : Optional.of(rows.iterator().next().getInteger("sold_count")));
    }

    /** The catalog's "retire": disables the row first, so that no sale slips in, and answers what was sold. */
    public Uni<Integer> retire(UUID packageId, UUID eventId, long catalogVersion) {
        String sql = """
                INSERT INTO inventory (package_id, event_id, enabled, catalog_version)
                VALUES ($1, $2, false, $3)
                ON CONFLICT (package_id) DO UPDATE SET enabled = false,
                    catalog_version = GREATEST(inventory.catalog_version, EXCLUDED.catalog_version), updated_at = now()
                RETURNING sold_count
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(packageId, eventId, catalogVersion))
                .map(rows -> rows.iterator().next().getInteger("sold_count"));
    }

    InventoryItem item(Row row) {
        return new InventoryItem(row.getUUID("package_id"), row.getUUID("event_id"), row.getString("name"),
                row.getBigDecimal("unit_price"), row.getInteger("quantity_limit"), row.getBoolean("enabled"),
                row.getBoolean("deleted"), row.getInteger("seats_per_package"), row.getBigDecimal("fair_market_value"),
                read(row.getString("option_schema")), row.getInteger("sold_count"), row.getLong("version"),
                row.getLong("catalog_version"));
    }

    private List<OptionDefinition> read(String schema) {
        try {
            return schema == null ? List.of() : json.readValue(schema, new TypeReference<List<OptionDefinition>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable option schema", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
