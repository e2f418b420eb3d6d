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
import org.fundrbolt.tickets.purchase.domain.Answer;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.SaleEvent;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.domain.Stock;
import org.fundrbolt.tickets.purchase.domain.StockClaim;
import org.fundrbolt.tickets.purchase.domain.Ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of the sale's one transaction (ARCHITECTURE.md, step 4), all on the caller's
 * connection: lock the inventory row, the versioned conditional claim, ticket numbers, then the
 * purchases with their answers and tickets, and the sale events as outbox rows.
 */
@ApplicationScoped
public class SaleRepository {

    /** The unique index that makes one sender's Idempotency-Key one purchase (V5 migration). */
    public static final String IDEMPOTENCY_KEY_INDEX = "uq_purchases_owner_idempotency_key";
    public static final String PURCHASE_ID_INDEX = "pk_purchases";

    private static final String SALES_TOPIC = "purchase.sales";
    /**
     * The claim's instant is read once the row is locked: no snapshot can change the rules it is judged against
     * until the transaction ends. Truncated to milliseconds, the precision of the purchases' created_at.
     */
    private static final String LOCK = "SELECT name, quantity_limit, enabled, deleted, fair_market_value, sold_count, "
            + "version, unit_price, " + SalesRulesColumns.COLUMNS
            + ", date_trunc('milliseconds', clock_timestamp()) AS claimed_at FROM inventory WHERE package_id = $1 "
            + "FOR UPDATE";
    private static final String CLAIM = """
            UPDATE inventory SET sold_count = sold_count + $2, version = version + $3,
                tickets_sold = tickets_sold + $4, revenue = revenue + $5, donations = donations + $6, updated_at = now()
            WHERE package_id = $1 AND enabled AND NOT deleted
              AND (quantity_limit IS NULL OR sold_count + $2 <= quantity_limit)
            RETURNING sold_count, version, tickets_sold, revenue, refunded, donations, cancelled_tickets
            """;
    private static final String INSERT_PURCHASE = """
            INSERT INTO purchases (id, event_id, package_id, donor_id, package_name, quantity, seats_per_package,
                unit_price, base_price, discount_amount, total_price, fair_market_value, tax_deductible_amount,
                promo_code, promo_id, idempotency_key, request_hash, inventory_version, sold_count_after, created_at,
                channel, payment, donation_amount, email, buyer_name, note, created_by, key_owner)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                $21, $22, $23, $24, $25, $26, $27, $28)
            """;
    private static final String INSERT_ANSWER = "INSERT INTO purchase_option_responses "
            + "(purchase_id, option_id, position, label, option_type, value) VALUES ($1, $2, $3, $4, $5, ($6::text)::jsonb)";
    private static final String INSERT_TICKET = "INSERT INTO tickets (id, purchase_id, event_id, seat_index, "
            + "ticket_number, qr_code) VALUES ($1, $2, $3, $4, $5, $6)";

    /** One sold purchase as its row stores it: the request, what it became, and the row's figures after it. */
    public record Sold(SaleRequest request, Purchase purchase, long inventoryVersion, int soldCountAfter) {
    }

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public SaleRepository(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * Bounds the rest of the transaction: waiting for a lock, and each statement, end after {@code millis}
     * (SET LOCAL: the settings end with the transaction, so the pooled connection keeps its defaults).
     */
    public Uni<Void> bound(SqlConnection connection, long millis) {
        long bounded = Math.max(1, millis);
        return connection.query("SET LOCAL lock_timeout = " + bounded + "; SET LOCAL statement_timeout = " + bounded)
                .execute().replaceWithVoid();
    }

    /** Locks the package's row until the transaction ends; empty if there is none. */
    public Uni<Optional<Stock>> lock(SqlConnection connection, UUID packageId) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(packageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stock(rows.iterator().next())));
    }

    /**
     * Adds {@code quantity} to sold_count, {@code sales} to version and the sales' tickets, revenue and donations
     * to the package's cumulative figures, unless that would oversell (then empty).
     */
    public Uni<Optional<StockClaim>> claim(SqlConnection connection, UUID packageId, int quantity, int sales,
            long tickets, BigDecimal revenue, BigDecimal donations) {
        return connection.preparedQuery(CLAIM)
                .execute(Tuple.of(packageId, quantity, (long) sales, tickets, revenue, donations))
                .map(SaleRepository::claimed);
    }

    /** The row's figures a claim returned (sold_count, version and the cumulative figures); empty if none. */
    public static Optional<StockClaim> claimed(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new StockClaim(row.getInteger("sold_count"), row.getLong("version"),
                row.getLong("tickets_sold"), row.getBigDecimal("revenue"), row.getBigDecimal("refunded"),
                row.getBigDecimal("donations"), row.getLong("cancelled_tickets")));
    }

    /** The purchases, then their answers (in order), then their tickets (seat by seat): one batch each. */
    public Uni<Void> insert(SqlConnection connection, Stock stock, List<Sold> sold) {
        List<Tuple> purchases = new ArrayList<>();
        List<Tuple> answers = new ArrayList<>();
        List<Tuple> tickets = new ArrayList<>();
        for (Sold one : sold) {
            SaleRequest request = one.request();
            Purchase purchase = one.purchase();
            // donor_id may be null (a coordinator order for nobody in particular): no List.of here
            purchases.add(Tuple.of(purchase.id(), purchase.eventId(), purchase.packageId()).addValue(purchase.donorId())
                    .addValue(stock.packageName()).addValue(purchase.quantity()).addValue(request.seatsPerPackage())
                    .addValue(purchase.unitPrice()).addValue(purchase.basePrice()).addValue(purchase.discountAmount())
                    .addValue(purchase.totalPrice()).addValue(stock.fairMarketValue())
                    .addValue(purchase.taxDeductibleAmount())
                    .addValue(purchase.promoCode()).addValue(request.promoId()).addValue(request.idempotencyKey())
                    .addValue(request.fingerprint()).addValue(one.inventoryVersion()).addValue(one.soldCountAfter())
                    .addValue(OffsetDateTime.ofInstant(purchase.createdAt(), ZoneOffset.UTC))
                    .addValue(purchase.terms().channel()).addValue(purchase.terms().payment())
                    .addValue(purchase.donationAmount()).addValue(purchase.terms().email())
                    .addValue(purchase.terms().buyerName()).addValue(purchase.terms().note())
                    .addValue(purchase.terms().createdBy()).addValue(purchase.terms().createdBy()));
            for (int position = 0; position < purchase.answers().size(); position++) {
                Answer answer = purchase.answers().get(position);
                answers.add(Tuple.tuple(List.of(purchase.id(), answer.optionId(), position, answer.label(),
                        answer.optionType(), answer.value().toString())));
            }
            for (int seat = 0; seat < purchase.tickets().size(); seat++) {
                Ticket ticket = purchase.tickets().get(seat);
                tickets.add(Tuple.of(ticket.id(), purchase.id(), purchase.eventId(), seat, ticket.ticketNumber(),
                        ticket.qrCode()));
            }
        }
        Uni<?> chain = connection.preparedQuery(INSERT_PURCHASE).executeBatch(purchases);
        if (!answers.isEmpty()) {
            chain = chain.chain(() -> connection.preparedQuery(INSERT_ANSWER).executeBatch(answers));
        }
        return chain.chain(() -> connection.preparedQuery(INSERT_TICKET).executeBatch(tickets)).replaceWithVoid();
    }

    /** The events as outbox rows of purchase.sales, keyed by package so that a package's events stay in order. */
    public Uni<Void> insertEvents(SqlConnection connection, List<SaleEvent> events) {
        return outbox.addAll(connection, events.stream()
                .map(event -> new OutboxMessage(SALES_TOPIC, event.packageId().toString(), json(event))).toList());
    }

    /** A locked row as a sale reads it (also the naive baseline's unlocked read, which selects the same columns). */
    public static Stock stock(Row row) {
        return new Stock(row.getString("name"), row.getInteger("quantity_limit"),
                row.getBoolean("enabled") && !row.getBoolean("deleted"), row.getBigDecimal("fair_market_value"),
                row.getInteger("sold_count"), row.getLong("version"), row.getBigDecimal("unit_price"),
                SalesRulesColumns.read(row), row.getOffsetDateTime("claimed_at").toInstant());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
