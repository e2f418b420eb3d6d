package org.fundrbolt.tickets.catalog.repository;

import static org.fundrbolt.tickets.catalog.repository.Rows.instant;
import static org.fundrbolt.tickets.catalog.repository.Rows.timestamp;
import static org.fundrbolt.tickets.catalog.repository.Rows.tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.DisplayOrder;
import org.fundrbolt.tickets.catalog.domain.Money;
import org.fundrbolt.tickets.catalog.domain.PriceTier;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** SQL of ticket packages; the sold count is joined from the sales projection. */
@ApplicationScoped
public class PackageRepository {

    private static final String SELECT = "SELECT p.id, p.event_id, p.name, p.description, p.price, p.quantity_limit,"
            + " p.display_order, p.is_enabled, p.seats_per_package, p.fair_market_value, p.image_url, p.version,"
            + " p.created_at, p.updated_at, p.sales_start_at, p.sales_end_at, p.min_per_order, p.max_per_order,"
            + " p.visibility, p.price_tiers, COALESCE(s.sold_count, 0) AS sold_count"
            + " FROM ticket_packages p LEFT JOIN sales_projection s ON s.package_id = p.id ";
    private static final String ORDER = " ORDER BY p.display_order, p.created_at, p.id";

    private final OptionRepository options;

    public PackageRepository(OptionRepository options) {
        this.options = options;
    }

    /** Serialises creates and reorders of one event, so "goes last" and "every package once" hold. */
    public Uni<Void> lockEvent(SqlConnection conn, UUID eventId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
                .execute(tuple(eventId.toString())).replaceWithVoid();
    }

    public Uni<TicketPackage> find(SqlClient client, UUID eventId, UUID packageId) {
        return one(client, SELECT + "WHERE p.id = $1 AND p.event_id = $2", eventId, packageId);
    }

    /** Locks the package row until commit: every change to a package or its options goes through here. */
    public Uni<TicketPackage> findForUpdate(SqlConnection conn, UUID eventId, UUID packageId) {
        return one(conn, SELECT + "WHERE p.id = $1 AND p.event_id = $2 FOR UPDATE OF p", eventId, packageId);
    }

    private Uni<TicketPackage> one(SqlClient client, String sql, UUID eventId, UUID packageId) {
        return client.preparedQuery(sql).execute(tuple(packageId, eventId)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            TicketPackage found = map(rows.iterator().next());
            return options.listByPackages(client, List.of(found.id)).map(byPackage -> {
                found.options = byPackage.getOrDefault(found.id, new ArrayList<>());
                return found;
            });
        });
    }

    /** Every package of the event, enabled or not, in display order. */
    public Uni<List<TicketPackage>> listByEvent(SqlClient client, UUID eventId) {
        return client.preparedQuery(SELECT + "WHERE p.event_id = $1" + ORDER).execute(tuple(eventId))
                .flatMap(rows -> withOptions(client, rows));
    }

    /** What donors see: the enabled packages of the event that are public or among {@code unlocked} (hidden ones). */
    public Uni<List<TicketPackage>> listForDonors(SqlClient client, UUID eventId, Collection<UUID> unlocked) {
        return client.preparedQuery(SELECT + "WHERE p.event_id = $1 AND p.is_enabled"
                + " AND (p.visibility = 'public' OR p.id = ANY($2))" + ORDER)
                .execute(tuple(eventId, unlocked.toArray(new UUID[0]))).flatMap(rows -> withOptions(client, rows));
    }

    /** Locks every package row of the event, in id order so that two reorders never deadlock. */
    public Uni<List<TicketPackage>> lockAllOfEvent(SqlConnection conn, UUID eventId) {
        return conn.preparedQuery("SELECT id FROM ticket_packages WHERE event_id = $1 ORDER BY id FOR UPDATE")
                .execute(tuple(eventId))
                .flatMap(locked -> listByEvent(conn, eventId));
    }

    private Uni<List<TicketPackage>> withOptions(SqlClient client, RowSet<Row> rows) {
        Map<UUID, TicketPackage> packages = new LinkedHashMap<>();
        for (Row row : rows) {
            TicketPackage p = map(row);
            packages.put(p.id, p);
        }
        if (packages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return options.listByPackages(client, new ArrayList<>(packages.keySet())).map(byPackage -> {
            packages.values().forEach(p -> p.options = byPackage.getOrDefault(p.id, new ArrayList<>()));
            return new ArrayList<>(packages.values());
        });
    }

    /** The display order of a new last package of the event (the SQL adds nothing: max + 1 could overflow). */
    public Uni<Integer> nextDisplayOrder(SqlConnection conn, UUID eventId) {
        return conn.preparedQuery("SELECT MAX(display_order) FROM ticket_packages WHERE event_id = $1")
                .execute(tuple(eventId)).map(rows -> DisplayOrder.after(rows.iterator().next().getInteger(0)));
    }

    public Uni<Void> insert(SqlConnection conn, TicketPackage p) {
        return conn.preparedQuery("INSERT INTO ticket_packages (id, event_id, name, description, price, quantity_limit,"
                + " display_order, is_enabled, seats_per_package, fair_market_value, version, created_at, updated_at,"
                + " sales_start_at, sales_end_at, min_per_order, max_per_order, visibility, price_tiers)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)")
                .execute(tuple(p.id, p.eventId, p.name, p.description, p.price, p.quantityLimit, p.displayOrder,
                        p.enabled, p.seatsPerPackage, p.fairMarketValue, p.version, timestamp(p.createdAt),
                        timestamp(p.updatedAt), timestamp(p.salesStartAt), timestamp(p.salesEndAt), p.minPerOrder,
                        p.maxPerOrder, p.visibility, PriceTier.toJson(p.priceTiers)))
                .replaceWithVoid();
    }

    /** Writes the coordinator-owned fields; image fields belong to media events and are left alone. */
    public Uni<Void> update(SqlConnection conn, TicketPackage p) {
        return conn.preparedQuery("UPDATE ticket_packages SET name = $2, description = $3, price = $4,"
                + " quantity_limit = $5, display_order = $6, is_enabled = $7, seats_per_package = $8,"
                + " fair_market_value = $9, version = $10, updated_at = $11, sales_start_at = $12, sales_end_at = $13,"
                + " min_per_order = $14, max_per_order = $15, visibility = $16, price_tiers = $17 WHERE id = $1")
                .execute(tuple(p.id, p.name, p.description, p.price, p.quantityLimit, p.displayOrder, p.enabled,
                        p.seatsPerPackage, p.fairMarketValue, p.version, timestamp(p.updatedAt),
                        timestamp(p.salesStartAt), timestamp(p.salesEndAt), p.minPerOrder, p.maxPerOrder, p.visibility,
                        PriceTier.toJson(p.priceTiers)))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlConnection conn, UUID packageId) {
        return conn.preparedQuery("DELETE FROM ticket_packages WHERE id = $1").execute(tuple(packageId))
                .replaceWithVoid();
    }

    /** Applies a media.images event when it is newer than the last one seen; never touches {@code version}. */
    public Uni<Boolean> applyImage(SqlClient client, UUID packageId, String imageUrl, long imageVersion) {
        return client.preparedQuery("UPDATE ticket_packages SET image_url = $2, image_version = $3"
                + " WHERE id = $1 AND image_version < $3")
                .execute(tuple(packageId, imageUrl, imageVersion)).map(rows -> rows.rowCount() > 0);
    }

    private static TicketPackage map(Row row) {
        TicketPackage p = new TicketPackage();
        p.id = row.getUUID("id");
        p.eventId = row.getUUID("event_id");
        p.name = row.getString("name");
        p.description = row.getString("description");
        p.price = Money.cents(row.getBigDecimal("price"));
        p.quantityLimit = row.getInteger("quantity_limit");
        p.displayOrder = row.getInteger("display_order");
        p.enabled = row.getBoolean("is_enabled");
        p.seatsPerPackage = row.getInteger("seats_per_package");
        p.fairMarketValue = Money.cents(row.getBigDecimal("fair_market_value"));
        p.imageUrl = row.getString("image_url");
        p.version = row.getLong("version");
        p.createdAt = instant(row, "created_at");
        p.updatedAt = instant(row, "updated_at");
        p.soldCount = row.getInteger("sold_count");
        p.salesStartAt = instant(row, "sales_start_at");
        p.salesEndAt = instant(row, "sales_end_at");
        p.minPerOrder = row.getInteger("min_per_order");
        p.maxPerOrder = row.getInteger("max_per_order");
        p.visibility = row.getString("visibility");
        p.priceTiers = row.getValue("price_tiers") instanceof JsonArray tiers ? PriceTier.fromJson(tiers) : List.of();
        return p;
    }
}
