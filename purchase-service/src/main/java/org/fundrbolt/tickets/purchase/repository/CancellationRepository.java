package org.fundrbolt.tickets.purchase.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.outbox.Outbox;
import org.fundrbolt.tickets.platform.outbox.OutboxMessage;
import org.fundrbolt.tickets.purchase.domain.Cancellation;
import org.fundrbolt.tickets.purchase.domain.SaleEvent;
import org.fundrbolt.tickets.purchase.domain.StockClaim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of a cancellation's one transaction (API.md, "Order lifecycle"), all on the caller's connection:
 * lock the purchase, cancel its tickets with one conditional statement, then the purchase's and the package's
 * figures, the cancellation row and its tickets_cancelled event.
 */
@ApplicationScoped
public class CancellationRepository {

    /** The unique index that makes one caller's Idempotency-Key one cancellation (V5 migration). */
    public static final String IDEMPOTENCY_KEY_INDEX = "uq_cancellations_actor_idempotency_key";
    public static final String ID_INDEX = "pk_cancellations";

    /** The purchase row as a cancellation decides on it, locked until the transaction ends. */
    public record LockedPurchase(UUID id, UUID eventId, UUID packageId, UUID donorId, int quantity, int seatsPerPackage,
            BigDecimal basePrice, BigDecimal discountAmount, BigDecimal donationAmount, BigDecimal refundedAmount,
            BigDecimal fairMarketValue, String payment, UUID promoId, int cancelledSeats, int packagesReturned,
            String email) {

        public int totalSeats() {
            return quantity * seatsPerPackage;
        }

        public BigDecimal ticketPart() {
            return basePrice.subtract(discountAmount).max(BigDecimal.ZERO);
        }
    }

    /** One ticket of the locked purchase: whether it is still valid and whether it was checked in. */
    public record TicketState(UUID id, boolean valid, boolean checkedIn) {
    }

    /** A cancellation stored under a key, with the fingerprint of the request that made it. */
    public record Keyed(Cancellation cancellation, String fingerprint) {
    }

    private static final String LOCK_PURCHASE = """
            SELECT id, event_id, package_id, donor_id, quantity, seats_per_package, base_price, discount_amount,
                   donation_amount, refunded_amount, fair_market_value, payment, promo_id, cancelled_seats,
                   packages_returned, email
            FROM purchases WHERE id = $1 FOR UPDATE
            """;
    private static final String CANCEL_TICKETS = """
            UPDATE tickets SET status = 'cancelled', cancellation_id = $3, cancelled_at = $4
            WHERE purchase_id = $1 AND id = ANY($2) AND status = 'valid' AND checked_in_at IS NULL
            RETURNING id
            """;
    private static final String UPDATE_PURCHASE = """
            UPDATE purchases SET cancelled_seats = $2, packages_returned = $3, refunded_amount = $4, status = $5,
                tax_deductible_amount = $6
            WHERE id = $1
            """;
    private static final String RETURN_STOCK = """
            UPDATE inventory SET sold_count = sold_count - $2, version = version + 1,
                tickets_sold = tickets_sold - $3, revenue = revenue - $4, refunded = refunded + $4,
                cancelled_tickets = cancelled_tickets + $3, updated_at = now()
            WHERE package_id = $1
            RETURNING sold_count, version, tickets_sold, revenue, refunded, donations, cancelled_tickets
            """;
    private static final String INSERT = """
            INSERT INTO cancellations (id, purchase_id, event_id, kind, ticket_ids, packages_returned, refund_amount,
                reason, created_by, idempotency_key, request_hash, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """;
    private static final String BY_KEY = "SELECT id, purchase_id, ticket_ids, packages_returned, refund_amount, kind, "
            + "reason, created_by, created_at, request_hash FROM cancellations WHERE created_by = $1 AND idempotency_key = $2";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public CancellationRepository(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** The cancellation stored under the caller's key, on {@code client} (a transaction's connection, or the pool). */
    public Uni<Optional<Keyed>> findByKey(SqlClient client, UUID actor, String key) {
        return client.preparedQuery(BY_KEY).execute(Tuple.of(actor, key)).map(rows -> rows.size() == 0
                ? Optional.empty()
                : Optional.of(keyed(rows.iterator().next())));
    }

    public Uni<Optional<LockedPurchase>> lockPurchase(SqlConnection connection, UUID purchaseId) {
        return connection.preparedQuery(LOCK_PURCHASE).execute(Tuple.of(purchaseId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new LockedPurchase(row.getUUID("id"), row.getUUID("event_id"),
                    row.getUUID("package_id"), row.getUUID("donor_id"), row.getInteger("quantity"),
                    row.getInteger("seats_per_package"), row.getBigDecimal("base_price"),
                    row.getBigDecimal("discount_amount"), row.getBigDecimal("donation_amount"),
                    row.getBigDecimal("refunded_amount"), row.getBigDecimal("fair_market_value"),
                    row.getString("payment"), row.getUUID("promo_id"), row.getInteger("cancelled_seats"),
                    row.getInteger("packages_returned"), row.getString("email")));
        });
    }

    /** The purchase's tickets in seat order. */
    public Uni<List<TicketState>> tickets(SqlConnection connection, UUID purchaseId) {
        return connection.preparedQuery("SELECT id, status, checked_in_at FROM tickets WHERE purchase_id = $1 "
                + "ORDER BY seat_index").execute(Tuple.of(purchaseId)).map(rows -> {
                    List<TicketState> tickets = new ArrayList<>();
                    rows.forEach(row -> tickets.add(new TicketState(row.getUUID("id"),
                            "valid".equals(row.getString("status")), row.getValue("checked_in_at") != null)));
                    return tickets;
                });
    }

    /**
     * Cancels the tickets that are still valid and not checked in, in one statement (a concurrent check-in or
     * cancellation of one of them is decided by its row lock); the number cancelled.
     */
    public Uni<Integer> cancelTickets(SqlConnection connection, UUID purchaseId, List<UUID> ticketIds,
            UUID cancellationId, OffsetDateTime at) {
        return connection.preparedQuery(CANCEL_TICKETS)
                .execute(Tuple.of(purchaseId, ticketIds.toArray(UUID[]::new), cancellationId, at))
                .map(rows -> rows.rowCount());
    }

    public Uni<Void> updatePurchase(SqlConnection connection, UUID purchaseId, int cancelledSeats,
            int packagesReturned, BigDecimal refundedAmount, String status, BigDecimal taxDeductible) {
        return connection.preparedQuery(UPDATE_PURCHASE)
                .execute(Tuple.of(purchaseId, cancelledSeats, packagesReturned, refundedAmount, status)
                        .addValue(taxDeductible))
                .replaceWithVoid();
    }

    /** Gives {@code packages} back to the stock and books the refund; the row's figures after it. */
    public Uni<StockClaim> returnStock(SqlConnection connection, UUID packageId, int packages, int seats,
            BigDecimal refund) {
        return connection.preparedQuery(RETURN_STOCK).execute(Tuple.of(packageId, packages, (long) seats, refund))
                .map(rows -> SaleRepository.claimed(rows).orElseThrow(
                        () -> new IllegalStateException("the inventory row of package " + packageId + " is gone")));
    }

    public Uni<Void> insert(SqlConnection connection, Cancellation cancellation, UUID eventId, String idempotencyKey,
            String fingerprint) {
        return connection.preparedQuery(INSERT).execute(Tuple.of(cancellation.id(), cancellation.purchaseId(), eventId,
                cancellation.kind(), cancellation.ticketIds().toArray(UUID[]::new), cancellation.packagesReturned())
                .addValue(cancellation.refundAmount()).addValue(cancellation.reason())
                .addValue(cancellation.createdBy()).addValue(idempotencyKey).addValue(fingerprint)
                .addValue(OffsetDateTime.ofInstant(cancellation.createdAt(), ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> insertEvent(SqlConnection connection, SaleEvent event) {
        return outbox.addAll(connection,
                List.of(new OutboxMessage("purchase.sales", event.packageId().toString(), json(event))));
    }

    private static Keyed keyed(Row row) {
        return new Keyed(PurchaseQueries.cancellation(row), row.getString("request_hash"));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
