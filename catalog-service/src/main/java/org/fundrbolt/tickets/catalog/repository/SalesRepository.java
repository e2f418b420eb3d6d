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

/**
 * The sales projection: a package's figures are ordered by {@code inventory_version} alone (bumped by every sale and
 * cancellation, so {@code sold_count} may go down); an event of the oldest shape, without cumulative figures, is
 * counted once per purchase id.
 */
@ApplicationScoped
public class SalesRepository {

    /** One package's figures in an event's sales view. */
    public record PackageSales(UUID packageId, String name, Integer quantityLimit, int soldCount, long tickets,
            BigDecimal revenue, BigDecimal refunded, BigDecimal donations, long cancelledTickets,
            long inventoryVersion, Instant updatedAt) {
    }

    /**
     * One package's cumulative figures after {@code inventoryVersion}, from an event or from purchase-service
     * itself. {@code refunded}, {@code donations} and {@code cancelledTickets} are null when the source did not
     * state them (an older producer): the stored value is kept.
     */
    public record Figures(UUID packageId, UUID eventId, int soldCount, long tickets, BigDecimal revenue,
            BigDecimal refunded, BigDecimal donations, Long cancelledTickets, long inventoryVersion) {
    }

    // An event of the oldest shape states only its own sale: the purchase id insert and the additions move
    // together (a duplicate inserts nothing, so adds nothing); sold_count_after, cumulative already, is taken when
    // its inventory_version is the newest. Skipped when cumulative figures of its version or later were taken,
    // which count it already.
    private static final String APPLY_INCREMENT = "WITH fresh AS ("
            + " INSERT INTO sales_projection_purchases (purchase_id, package_id, event_id, quantity, tickets, total_price, occurred_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (purchase_id) DO NOTHING RETURNING package_id)"
            + " INSERT INTO sales_projection AS s (package_id, event_id, sold_count, tickets_sold, revenue, donations,"
            + " inventory_version, updated_at)"
            + " SELECT $2, $3, $8, $5, $6, COALESCE($10::numeric, 0), $9, now() FROM fresh"
            + " ON CONFLICT (package_id) DO UPDATE SET sold_count = CASE WHEN EXCLUDED.inventory_version > s.inventory_version"
            + " THEN EXCLUDED.sold_count ELSE s.sold_count END,"
            + " tickets_sold = s.tickets_sold + EXCLUDED.tickets_sold, revenue = s.revenue + EXCLUDED.revenue,"
            + " donations = s.donations + EXCLUDED.donations,"
            + " inventory_version = GREATEST(s.inventory_version, EXCLUDED.inventory_version), updated_at = now()"
            + " WHERE EXCLUDED.inventory_version > s.figures_version";

    // Cumulative figures (ARCHITECTURE.md, Events): the newest inventory_version wins outright, every figure is
    // replaced, so any later event or a reconciliation repairs whatever was missed before it. A figure the source
    // did not state ($6-$8 null) keeps its stored value.
    private static final String APPLY_CUMULATIVE = "INSERT INTO sales_projection AS s (package_id, event_id, sold_count,"
            + " tickets_sold, revenue, refunded, donations, cancelled_tickets, inventory_version, figures_version, updated_at)"
            + " VALUES ($1, $2, $3, $4, $5, COALESCE($6::numeric, 0), COALESCE($7::numeric, 0), COALESCE($8::bigint, 0),"
            + " $9, $9, now())"
            + " ON CONFLICT (package_id) DO UPDATE SET sold_count = EXCLUDED.sold_count, tickets_sold = EXCLUDED.tickets_sold,"
            + " revenue = EXCLUDED.revenue, refunded = COALESCE($6::numeric, s.refunded),"
            + " donations = COALESCE($7::numeric, s.donations), cancelled_tickets = COALESCE($8::bigint, s.cancelled_tickets),"
            + " inventory_version = EXCLUDED.inventory_version, figures_version = EXCLUDED.inventory_version,"
            + " updated_at = now()"
            + " WHERE EXCLUDED.inventory_version > s.inventory_version";

    /**
     * The same from purchase-service's figures alone (the reconciliation), only where they also differ from the
     * view's (purchase-service bumps the version for a limit change too); answers the events whose view changed.
     */
    private static final String APPLY_FIGURES = APPLY_CUMULATIVE
            + " AND (s.sold_count, s.tickets_sold, s.revenue, s.refunded, s.donations, s.cancelled_tickets)"
            + " IS DISTINCT FROM (EXCLUDED.sold_count, EXCLUDED.tickets_sold, EXCLUDED.revenue,"
            + " COALESCE($6::numeric, s.refunded), COALESCE($7::numeric, s.donations),"
            + " COALESCE($8::bigint, s.cancelled_tickets))"
            + " RETURNING event_id";

    public Uni<Void> apply(SqlConnection conn, List<SaleEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> increments = new ArrayList<>();
        List<Tuple> cumulative = new ArrayList<>();
        for (SaleEvent event : events) {
            if (event.hasCumulativeFigures()) {
                cumulative.add(figures(new Figures(event.packageId(), event.eventId(), event.soldCountAfter(),
                        event.ticketsAfter(), event.revenueAfter(), event.refundedAfter(), event.donationsAfter(),
                        event.cancelledTicketsAfter(), event.inventoryVersion())));
            } else if (event.isSale()) {
                increments.add(tuple(event.purchaseId(), event.packageId(), event.eventId(), orZero(event.quantity()),
                        orZero(event.tickets()), event.totalPrice(),
                        timestamp(event.occurredAt() == null ? Instant.now() : event.occurredAt()),
                        event.soldCountAfter(), event.inventoryVersion(), event.donationAmount()));
            }
        }
        Uni<Void> applied = increments.isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(APPLY_INCREMENT).executeBatch(increments).replaceWithVoid();
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
        List<Tuple> batch = figures.stream().map(SalesRepository::figures).toList();
        return client.preparedQuery(APPLY_FIGURES).executeBatch(batch).map(rows -> {
            for (var set = rows; set != null; set = set.next()) {
                set.forEach(row -> changed.add(row.getUUID("event_id")));
            }
            return changed;
        });
    }

    private static Tuple figures(Figures f) {
        return tuple(f.packageId(), f.eventId(), f.soldCount(), f.tickets(), f.revenue(), f.refunded(), f.donations(),
                f.cancelledTickets(), f.inventoryVersion());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Every package of the event in display order, with zeros for those without sales. */
    public Uni<List<PackageSales>> ofEvent(SqlClient client, UUID eventId) {
        return client.preparedQuery("SELECT p.id, p.name, p.quantity_limit, COALESCE(s.sold_count, 0) AS sold_count,"
                + " COALESCE(s.tickets_sold, 0) AS tickets_sold, COALESCE(s.revenue, 0) AS revenue,"
                + " COALESCE(s.refunded, 0) AS refunded, COALESCE(s.donations, 0) AS donations,"
                + " COALESCE(s.cancelled_tickets, 0) AS cancelled_tickets,"
                + " COALESCE(s.inventory_version, 0) AS inventory_version, s.updated_at"
                + " FROM ticket_packages p LEFT JOIN sales_projection s ON s.package_id = p.id"
                + " WHERE p.event_id = $1 ORDER BY p.display_order, p.created_at, p.id")
                .execute(tuple(eventId)).map(rows -> {
                    List<PackageSales> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new PackageSales(row.getUUID("id"), row.getString("name"),
                                row.getInteger("quantity_limit"), row.getInteger("sold_count"),
                                row.getLong("tickets_sold"), row.getBigDecimal("revenue"),
                                row.getBigDecimal("refunded"), row.getBigDecimal("donations"),
                                row.getLong("cancelled_tickets"), row.getLong("inventory_version"),
                                instant(row, "updated_at")));
                    }
                    return result;
                });
    }
}
