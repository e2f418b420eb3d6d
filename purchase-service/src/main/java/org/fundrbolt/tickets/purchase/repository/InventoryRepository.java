package org.fundrbolt.tickets.purchase.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.InventoryItem;
import org.fundrbolt.tickets.purchase.domain.OptionDefinition;
import org.fundrbolt.tickets.purchase.domain.PackageSnapshot;
import org.fundrbolt.tickets.purchase.domain.SalesRules;

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
            + "seats_per_package, fair_market_value, option_schema::text AS option_schema, sold_count, version, catalog_version, "
            + SalesRulesColumns.COLUMNS;

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

    /** A package's cumulative sale figures as the inventory row holds them (the owner's truth). */
    public record Figures(UUID packageId, UUID eventId, int soldCount, long ticketsSold, BigDecimal revenue,
            BigDecimal refunded, BigDecimal donations, long cancelledTickets, long version, OffsetDateTime updatedAt) {
    }

    /**
     * The figures of the rows changed after {@code (updatedAt, packageId)}, in that order (a keyset page): what the
     * catalog's reconciliation compares its sales view with.
     */
    public Uni<List<Figures>> figuresAfter(OffsetDateTime updatedAt, UUID packageId, int limit) {
        return pool
                .preparedQuery("SELECT package_id, event_id, sold_count, tickets_sold, revenue, refunded, donations, "
                        + "cancelled_tickets, version, updated_at "
                        + "FROM inventory WHERE (updated_at, package_id) > ($1, $2) ORDER BY updated_at, package_id LIMIT $3")
                .execute(Tuple.of(updatedAt, packageId, limit)).map(rows -> {
                    List<Figures> page = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        page.add(new Figures(row.getUUID("package_id"), row.getUUID("event_id"),
                                row.getInteger("sold_count"), row.getLong("tickets_sold"), row.getBigDecimal("revenue"),
                                row.getBigDecimal("refunded"), row.getBigDecimal("donations"),
                                row.getLong("cancelled_tickets"), row.getLong("version"),
                                row.getOffsetDateTime("updated_at")));
                    }
                    return page;
                });
    }

    /**
     * Whether {@code quantity} more packages fit the stock as committed now (no lock:
     * a cheap pre-check, decided again exactly by the claim). An unknown package fits (the claim answers it).
     */
    public Uni<Boolean> fits(UUID packageId, int quantity) {
        return pool.preparedQuery("SELECT quantity_limit IS NULL OR sold_count + $2 <= quantity_limit AS fits "
                + "FROM inventory WHERE package_id = $1").execute(Tuple.of(packageId, quantity))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean("fits"));
    }

    /**
     * Applies a catalog snapshot unless the row already reflects a newer catalog version (a late, older
     * snapshot never undoes a set-limit or retire); a snapshot never lowers the limit below what is sold.
     */
    public Uni<Void> apply(PackageSnapshot snapshot) {
        String sql = """
                INSERT INTO inventory (package_id, event_id, name, unit_price, quantity_limit, enabled, deleted,
                    seats_per_package, fair_market_value, option_schema, catalog_version, display_order, updated_at,
                    sales_start_at, sales_end_at, min_per_order, max_per_order, visibility, price_tiers)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ($10::text)::jsonb, $11, $12, now(),
                    $13, $14, $15, $16, $17, ($18::text)::jsonb)
                ON CONFLICT (package_id) DO UPDATE SET
                    event_id = EXCLUDED.event_id, name = EXCLUDED.name, unit_price = EXCLUDED.unit_price,
                    quantity_limit = CASE WHEN EXCLUDED.quantity_limit IS NULL THEN NULL
                                          ELSE GREATEST(EXCLUDED.quantity_limit, inventory.sold_count) END,
                    enabled = EXCLUDED.enabled, deleted = EXCLUDED.deleted,
                    seats_per_package = EXCLUDED.seats_per_package, fair_market_value = EXCLUDED.fair_market_value,
                    option_schema = EXCLUDED.option_schema, catalog_version = EXCLUDED.catalog_version,
                    display_order = EXCLUDED.display_order, updated_at = now(),
                    sales_start_at = EXCLUDED.sales_start_at, sales_end_at = EXCLUDED.sales_end_at,
                    min_per_order = EXCLUDED.min_per_order, max_per_order = EXCLUDED.max_per_order,
                    visibility = EXCLUDED.visibility, price_tiers = EXCLUDED.price_tiers
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
        SalesRules rules = snapshot.rules();
        params.addValue(SalesRulesColumns.timestamp(rules.salesStartAt()))
                .addValue(SalesRulesColumns.timestamp(rules.salesEndAt())).addValue(rules.minPerOrder())
                .addValue(rules.maxPerOrder()).addValue(rules.hidden() ? "hidden" : "public")
                .addValue(SalesRulesColumns.write(rules.priceTiers()));
        return pool.preparedQuery(sql).execute(params).replaceWithVoid();
    }

    /** What a catalog call (set limit, retire) did to the row. */
    public enum Change {
        /** Applied now, or by an earlier identical call of the same version (a repeat is harmless). */
        APPLIED,
        /** Refused: the new limit is below what is sold. */
        BELOW_SOLD,
        /** Refused: the row already carries a newer catalog version (or this version with another value). */
        STALE
    }

    /** A catalog call's result and the authoritative sold count. */
    public record Outcome(Change change, int soldCount) {
    }

    /**
     * The catalog's "set limit", fenced by its version: applies only a catalog version newer than the
     * row's (the snapshot of that version, arriving later, then changes nothing), repeats of the same
     * version and limit answer what they did the first time, and a limit below what is sold is refused.
     * Creates the row if the snapshot has not arrived yet.
     */
    public Uni<Outcome> setLimit(UUID packageId, UUID eventId, Integer limit, long catalogVersion) {
        return pool.withTransaction(connection -> locked(connection, packageId).chain(row -> {
            if (row == null) {
                return connection.preparedQuery("""
                        INSERT INTO inventory (package_id, event_id, quantity_limit, catalog_version)
                        VALUES ($1, $2, $3, $4) ON CONFLICT (package_id) DO NOTHING RETURNING sold_count
                        """).execute(Tuple.of(packageId, eventId, limit, catalogVersion))
                        .chain(inserted -> inserted.size() == 1
                                ? Uni.createFrom().item(new Outcome(Change.APPLIED, 0))
                                : setLimit(packageId, eventId, limit, catalogVersion)); // raced with a snapshot
            }
            long current = row.getLong("catalog_version");
            int sold = row.getInteger("sold_count");
            Integer currentLimit = row.getInteger("quantity_limit");
            if (current > catalogVersion
                    || (current == catalogVersion && !java.util.Objects.equals(limit, currentLimit))) {
                return Uni.createFrom().item(new Outcome(Change.STALE, sold));
            }
            if (current == catalogVersion) {
                return Uni.createFrom().item(new Outcome(Change.APPLIED, sold));
            }
            if (limit != null && sold > limit) {
                return Uni.createFrom().item(new Outcome(Change.BELOW_SOLD, sold));
            }
            return connection.preparedQuery("""
                    UPDATE inventory SET quantity_limit = $2, catalog_version = $3, version = version + 1,
                        updated_at = now()
                    WHERE package_id = $1 RETURNING sold_count
                    """).execute(Tuple.of(packageId, limit, catalogVersion))
                    .map(rows -> new Outcome(Change.APPLIED, rows.iterator().next().getInteger("sold_count")));
        }));
    }

    /**
     * The catalog's "retire": disables the row first, so that no sale slips in, and answers what was sold.
     * Fenced like {@link #setLimit}: an older catalog version changes nothing, a repeat answers again.
     */
    public Uni<Outcome> retire(UUID packageId, UUID eventId, long catalogVersion) {
        return pool.withTransaction(connection -> locked(connection, packageId).chain(row -> {
            if (row == null) {
                return connection.preparedQuery("""
                        INSERT INTO inventory (package_id, event_id, enabled, catalog_version)
                        VALUES ($1, $2, false, $3) ON CONFLICT (package_id) DO NOTHING RETURNING sold_count
                        """).execute(Tuple.of(packageId, eventId, catalogVersion))
                        .chain(inserted -> inserted.size() == 1
                                ? Uni.createFrom().item(new Outcome(Change.APPLIED, 0))
                                : retire(packageId, eventId, catalogVersion));
            }
            long current = row.getLong("catalog_version");
            int sold = row.getInteger("sold_count");
            if (current > catalogVersion || (current == catalogVersion && row.getBoolean("enabled"))) {
                return Uni.createFrom().item(new Outcome(Change.STALE, sold));
            }
            if (current == catalogVersion) {
                return Uni.createFrom().item(new Outcome(Change.APPLIED, sold));
            }
            return connection.preparedQuery("UPDATE inventory SET enabled = false, catalog_version = $2, "
                    + "updated_at = now() WHERE package_id = $1 RETURNING sold_count")
                    .execute(Tuple.of(packageId, catalogVersion))
                    .map(rows -> new Outcome(Change.APPLIED, rows.iterator().next().getInteger("sold_count")));
        }));
    }

    /** Whether any purchase of the package was ever recorded (cancelled ones included). */
    public Uni<Boolean> everSold(UUID packageId) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM purchases WHERE package_id = $1) AS sold")
                .execute(Tuple.of(packageId)).map(rows -> rows.iterator().next().getBoolean("sold"));
    }

    private static Uni<Row> locked(io.vertx.mutiny.sqlclient.SqlConnection connection, UUID packageId) {
        return connection.preparedQuery("SELECT catalog_version, quantity_limit, sold_count, enabled FROM inventory "
                + "WHERE package_id = $1 FOR UPDATE").execute(Tuple.of(packageId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    InventoryItem item(Row row) {
        return new InventoryItem(row.getUUID("package_id"), row.getUUID("event_id"), row.getString("name"),
                row.getBigDecimal("unit_price"), row.getInteger("quantity_limit"), row.getBoolean("enabled"),
                row.getBoolean("deleted"), row.getInteger("seats_per_package"), row.getBigDecimal("fair_market_value"),
                read(row.getString("option_schema")), row.getInteger("sold_count"), row.getLong("version"),
                row.getLong("catalog_version"), SalesRulesColumns.read(row));
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
