package org.fundrbolt.tickets.catalog.repository;

import static org.fundrbolt.tickets.catalog.repository.Rows.instant;
import static org.fundrbolt.tickets.catalog.repository.Rows.timestamp;
import static org.fundrbolt.tickets.catalog.repository.Rows.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.messaging.SaleEvent;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The sales projection: counted once per purchase id, and a sold count that only ever grows. */
@ApplicationScoped
public class SalesRepository {

    /** One package's figures in an event's sales view. */
    public record PackageSales(UUID packageId, String name, Integer quantityLimit, int soldCount, long tickets,
            BigDecimal revenue, long inventoryVersion, Instant updatedAt) {
    }

    // The purchase id insert and the counters move together: a duplicate inserts nothing, so adds nothing,
    // and GREATEST keeps the highest sold_count_after whatever order the events arrive in.
    private static final String APPLY = "WITH fresh AS ("
            + " INSERT INTO sales_projection_purchases (purchase_id, package_id, event_id, quantity, tickets, total_price, occurred_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (purchase_id) DO NOTHING RETURNING package_id)"
            + " INSERT INTO sales_projection AS s (package_id, event_id, sold_count, tickets_sold, revenue, inventory_version, updated_at)"
            + " SELECT $2, $3, $8, $5, $6, $9, now() FROM fresh"
            + " ON CONFLICT (package_id) DO UPDATE SET sold_count = GREATEST(s.sold_count, EXCLUDED.sold_count),"
            + " tickets_sold = s.tickets_sold + EXCLUDED.tickets_sold, revenue = s.revenue + EXCLUDED.revenue,"
            + " inventory_version = GREATEST(s.inventory_version, EXCLUDED.inventory_version), updated_at = now()";

    // With the package's cumulative figures (ARCHITECTURE.md, Events), the newest inventory_version wins outright:
    // every figure is replaced, so an event or a reconciliation repairs any event missed before it.
    private static final String APPLY_CUMULATIVE = "WITH logged AS ("
            + " INSERT INTO sales_projection_purchases (purchase_id, package_id, event_id, quantity, tickets, total_price, occurred_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (purchase_id) DO NOTHING)"
            + " INSERT INTO sales_projection AS s (package_id, event_id, sold_count, tickets_sold, revenue, inventory_version, updated_at)"
            + " VALUES ($2, $3, $8, $10, $11, $9, now())"
            + " ON CONFLICT (package_id) DO UPDATE SET sold_count = EXCLUDED.sold_count, tickets_sold = EXCLUDED.tickets_sold,"
            + " revenue = EXCLUDED.revenue, inventory_version = EXCLUDED.inventory_version, updated_at = now()"
            + " WHERE EXCLUDED.inventory_version > s.inventory_version";

    /** The same from purchase-service's figures alone (the reconciliation); answers whether the view changed. */
    private static final String APPLY_FIGURES = "INSERT INTO sales_projection AS s"
            + " (package_id, event_id, sold_count, tickets_sold, revenue, inventory_version, updated_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, now())"
            + " ON CONFLICT (package_id) DO UPDATE SET sold_count = EXCLUDED.sold_count, tickets_sold = EXCLUDED.tickets_sold,"
            + " revenue = EXCLUDED.revenue, inventory_version = EXCLUDED.inventory_version, updated_at = now()"
            + " WHERE EXCLUDED.inventory_version > s.inventory_version"
            + " AND (s.sold_count, s.tickets_sold, s.revenue) IS DISTINCT FROM"
            + " (EXCLUDED.sold_count, EXCLUDED.tickets_sold, EXCLUDED.revenue)"
            + " RETURNING event_id";

    /** One package's figures as purchase-service holds them. */
    public record Figures(UUID packageId, UUID eventId, int soldCount, long tickets, BigDecimal revenue,
            long inventoryVersion) {
    }

    public Uni<Void> apply(SqlConnection conn, List<SaleEvent> sales) {
        if (sales.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> increments = new ArrayList<>();
        List<Tuple> cumulative = new ArrayList<>();
        for (SaleEvent sale : sales) {
            Tuple row = tuple(sale.purchaseId(), sale.packageId(), sale.eventId(), sale.quantity(), sale.tickets(),
                    sale.totalPrice(), timestamp(sale.occurredAt() == null ? Instant.now() : sale.occurredAt()),
                    sale.soldCountAfter(), sale.inventoryVersion());
            if (sale.hasCumulativeFigures()) {
                cumulative.add(row.addValue(sale.ticketsAfter()).addValue(sale.revenueAfter()));
            } else {
                increments.add(row);
            }
        }
        Uni<Void> applied = increments.isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(APPLY).executeBatch(increments).replaceWithVoid();
        return cumulative.isEmpty()
                ? applied
                : applied.chain(() -> conn.preparedQuery(APPLY_CUMULATIVE).executeBatch(cumulative).replaceWithVoid());
    }

    /**
     * Applies purchase-service's figures where they are newer than the view's and differ from it; answers the
     * events whose figures changed (a missed event repaired).
     */
    public Uni<Set<UUID>> applyFigures(SqlClient client, List<Figures> figures) {
        Set<UUID> changed = new LinkedHashSet<>();
        if (figures.isEmpty()) {
            return Uni.createFrom().item(changed);
        }
        List<Tuple> batch = figures.stream().map(f -> tuple(f.packageId(), f.eventId(), f.soldCount(), f.tickets(),
                f.revenue(), f.inventoryVersion())).toList();
        return client.preparedQuery(APPLY_FIGURES).executeBatch(batch).map(rows -> {
            for (var set = rows; set != null; set = set.next()) {
                set.forEach(row -> changed.add(row.getUUID("event_id")));
            }
            return changed;
        });
    }

    /** Every package of the event in display order, with zeros for those without sales. */
    public Uni<List<PackageSales>> ofEvent(SqlClient client, UUID eventId) {
        return client.preparedQuery("SELECT p.id, p.name, p.quantity_limit, COALESCE(s.sold_count, 0) AS sold_count,"
                + " COALESCE(s.tickets_sold, 0) AS tickets_sold, COALESCE(s.revenue, 0) AS revenue,"
                + " COALESCE(s.inventory_version, 0) AS inventory_version, s.updated_at"
                + " FROM ticket_packages p LEFT JOIN sales_projection s ON s.package_id = p.id"
                + " WHERE p.event_id = $1 ORDER BY p.display_order, p.created_at, p.id")
                .execute(tuple(eventId)).map(rows -> {
                    List<PackageSales> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new PackageSales(row.getUUID("id"), row.getString("name"),
                                row.getInteger("quantity_limit"), row.getInteger("sold_count"),
                                row.getLong("tickets_sold"), row.getBigDecimal("revenue"),
                                row.getLong("inventory_version"), instant(row, "updated_at")));
                    }
                    return result;
                });
    }
}
