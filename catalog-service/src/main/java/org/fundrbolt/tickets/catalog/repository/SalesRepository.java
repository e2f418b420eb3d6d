package org.fundrbolt.tickets.catalog.repository;

import static org.fundrbolt.tickets.catalog.repository.Rows.instant;
import static org.fundrbolt.tickets.catalog.repository.Rows.timestamp;
import static org.fundrbolt.tickets.catalog.repository.Rows.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    public record PackageSales(UUID packageId, String name, Integer quantityLimit, int soldCount, int tickets,
            BigDecimal revenue, Instant updatedAt) {
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

    public Uni<Void> apply(SqlConnection conn, List<SaleEvent> sales) {
        if (sales.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (SaleEvent sale : sales) {
            batch.add(tuple(sale.purchaseId(), sale.packageId(), sale.eventId(), sale.quantity(), sale.tickets(),
                    sale.totalPrice(), timestamp(sale.occurredAt() == null ? Instant.now() : sale.occurredAt()),
                    sale.soldCountAfter(), sale.inventoryVersion()));
        }
        return conn.preparedQuery(APPLY).executeBatch(batch).replaceWithVoid();
    }

    /** Every package of the event in display order, with zeros for those without sales. */
    public Uni<List<PackageSales>> ofEvent(SqlClient client, UUID eventId) {
        return client.preparedQuery("SELECT p.id, p.name, p.quantity_limit, COALESCE(s.sold_count, 0) AS sold_count,"
                + " COALESCE(s.tickets_sold, 0) AS tickets_sold, COALESCE(s.revenue, 0) AS revenue, s.updated_at"
                + " FROM ticket_packages p LEFT JOIN sales_projection s ON s.package_id = p.id"
                + " WHERE p.event_id = $1 ORDER BY p.display_order, p.created_at, p.id")
                .execute(tuple(eventId)).map(rows -> {
                    List<PackageSales> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new PackageSales(row.getUUID("id"), row.getString("name"),
                                row.getInteger("quantity_limit"), row.getInteger("sold_count"),
                                row.getInteger("tickets_sold"), row.getBigDecimal("revenue"),
                                instant(row, "updated_at")));
                    }
                    return result;
                });
    }
}
