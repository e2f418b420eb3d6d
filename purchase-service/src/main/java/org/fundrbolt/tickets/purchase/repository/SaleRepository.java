package org.fundrbolt.tickets.purchase.repository;

import org.fundrbolt.tickets.platform.outbox.Outbox;
import org.fundrbolt.tickets.platform.outbox.OutboxMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.Money;
import org.fundrbolt.tickets.purchase.domain.SaleEvent;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView.OptionResponseView;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView.TicketView;
import org.fundrbolt.tickets.purchase.service.TicketSigner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The sale's one database transaction (ARCHITECTURE.md, step 4), for one or several buyers of one
 * package: lock the inventory row, decide who fits, one versioned conditional update, then the
 * purchases, their answers, their tickets and one outbox row each. Never oversells: the update's
 * condition and the table's CHECK hold even if the decision above them were wrong.
 */
@ApplicationScoped
public class SaleRepository {

    public static final String SALES_TOPIC = "purchase.sales";

    private static final String READ = "SELECT event_id, name, unit_price, quantity_limit, enabled, deleted, "
            + "seats_per_package, fair_market_value, sold_count, version FROM inventory WHERE package_id = $1";
    private static final String LOCK = READ + " FOR UPDATE";
    private static final String CLAIM = """
            UPDATE inventory SET sold_count = sold_count + $2, version = version + $3, updated_at = now()
            WHERE package_id = $1 AND enabled AND NOT deleted
              AND (quantity_limit IS NULL OR sold_count + $2 <= quantity_limit)
            RETURNING sold_count, version
            """;
    private static final String INSERT_PURCHASE = """
            INSERT INTO purchases (id, event_id, package_id, donor_id, package_name, quantity, seats_per_package,
                unit_price, base_price, discount_amount, total_price, fair_market_value, tax_deductible_amount,
                promo_code, promo_id, idempotency_key, request_hash, inventory_version, sold_count_after, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            """;
    private static final String INSERT_ANSWER = "INSERT INTO purchase_option_responses "
            + "(purchase_id, option_id, position, label, option_type, value) VALUES ($1, $2, $3, $4, $5, ($6::text)::jsonb)";
    private static final String INSERT_TICKET = "INSERT INTO tickets (id, purchase_id, event_id, seat_index, "
            + "ticket_number, qr_code) VALUES ($1, $2, $3, $4, $5, $6)";

    private final Pool pool;
    private final Outbox outboxWriter;
    private final TicketSigner signer;
    private final ObjectMapper mapper;

    public SaleRepository(Pool pool, Outbox outboxWriter, TicketSigner signer, ObjectMapper mapper) {
        this.outboxWriter = outboxWriter;
        this.pool = pool;
        this.signer = signer;
        this.mapper = mapper;
    }

    /** The naive baseline's "stale version" signal: another sale changed the row between read and write. */
    public static final class StaleVersion extends RuntimeException {
        public StaleVersion() {
            super("the inventory version changed since it was read", null, false, false);
        }
    }

    /**
     * BENCHMARK BASELINE ONLY (purchase.sale-mode=naive): the design ARCHITECTURE.md rejects — read the
     * version, then write only if it is unchanged, else fail with {@link StaleVersion} for the caller to retry.
     */
    public Uni<SaleOutcome> sellOptimistically(SaleRequest request) {
        return pool.withTransaction(connection -> connection.preparedQuery(READ)
                .execute(Tuple.of(request.packageId())).chain(rows -> {
                    if (rows.size() == 0 || !rows.iterator().next().getBoolean("enabled")
                            || rows.iterator().next().getBoolean("deleted")) {
                        return Uni.createFrom().item(SaleOutcome.PACKAGE_GONE);
                    }
                    Row row = rows.iterator().next();
                    Integer limit = row.getInteger("quantity_limit");
                    int sold = row.getInteger("sold_count");
                    if (limit != null && sold + request.quantity() > limit) {
                        return Uni.createFrom().item(SaleOutcome.SOLD_OUT);
                    }
                    long version = row.getLong("version");
                    return connection.preparedQuery("UPDATE inventory SET sold_count = sold_count + $2, "
                            + "version = version + 1 WHERE package_id = $1 AND version = $3 RETURNING sold_count")
                            .execute(Tuple.of(request.packageId(), request.quantity(), version))
                            .chain(updated -> {
                                if (updated.size() == 0) {
                                    return Uni.createFrom().failure(new StaleVersion());
                                }
                                int seats = row.getInteger("seats_per_package");
                                return ticketNumbers(connection, request.quantity() * seats)
                                        .chain(numbers -> write(connection, List.of(request), new boolean[] { true },
                                                sold, version, seats, row.getBigDecimal("fair_market_value"),
                                                row.getString("name"), numbers))
                                        .map(outcomes -> outcomes.get(0));
                            });
                }));
    }

    public Uni<List<SaleOutcome>> sell(UUID packageId, List<SaleRequest> requests) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(packageId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(repeat(SaleOutcome.PACKAGE_GONE, requests.size()));
                    }
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("enabled") || row.getBoolean("deleted")) {
                        return Uni.createFrom().item(repeat(SaleOutcome.PACKAGE_GONE, requests.size()));
                    }
                    return claim(connection, packageId, row, requests);
                }));
    }

    private Uni<List<SaleOutcome>> claim(SqlConnection connection, UUID packageId, Row row, List<SaleRequest> requests) {
        Integer limit = row.getInteger("quantity_limit");
        int remaining = limit == null ? Integer.MAX_VALUE : limit - row.getInteger("sold_count");
        // First come, first served; a buyer who wants more than is left is refused, a later smaller one may still fit.
        List<SaleRequest> accepted = new ArrayList<>();
        boolean[] fits = new boolean[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            int quantity = requests.get(i).quantity();
            if (quantity <= remaining) {
                fits[i] = true;
                remaining -= quantity;
                accepted.add(requests.get(i));
            }
        }
        if (accepted.isEmpty()) {
            return Uni.createFrom().item(repeat(SaleOutcome.SOLD_OUT, requests.size()));
        }
        int total = accepted.stream().mapToInt(SaleRequest::quantity).sum();
        int seats = row.getInteger("seats_per_package");
        BigDecimal fairMarketValue = row.getBigDecimal("fair_market_value");
        String packageName = row.getString("name");
        return connection.preparedQuery(CLAIM).execute(Tuple.of(packageId, total, (long) accepted.size()))
                .chain(claimed -> {
                    if (claimed.size() == 0) {
                        return Uni.createFrom().item(repeat(SaleOutcome.SOLD_OUT, requests.size()));
                    }
                    Row after = claimed.iterator().next();
                    int soldBefore = after.getInteger("sold_count") - total;
                    long versionBefore = after.getLong("version") - accepted.size();
                    return ticketNumbers(connection, total * seats).chain(numbers -> write(connection, requests, fits,
                            soldBefore, versionBefore, seats, fairMarketValue, packageName, numbers));
                });
    }

    Uni<List<Long>> ticketNumbers(SqlConnection connection, int count) {
        return connection.preparedQuery("SELECT nextval('ticket_number_seq') AS n FROM generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> numbers = new ArrayList<>(count);
                    rows.forEach(r -> numbers.add(r.getLong("n")));
                    return numbers;
                });
    }

    Uni<List<SaleOutcome>> write(SqlConnection connection, List<SaleRequest> requests, boolean[] fits,
            int soldBefore, long versionBefore, int seats, BigDecimal fairMarketValue, String packageName,
            List<Long> numbers) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Tuple> purchases = new ArrayList<>();
        List<Tuple> answers = new ArrayList<>();
        List<Tuple> tickets = new ArrayList<>();
        List<OutboxMessage> outbox = new ArrayList<>();
        List<SaleOutcome> outcomes = new ArrayList<>(requests.size());
        int sold = soldBefore;
        long version = versionBefore;
        int nextNumber = 0;
        for (int i = 0; i < requests.size(); i++) {
            SaleRequest request = requests.get(i);
            if (!fits[i]) {
                outcomes.add(SaleOutcome.SOLD_OUT);
                continue;
            }
            sold += request.quantity();
            version++;
            BigDecimal deductible = Money.taxDeductible(request.totalPrice(), fairMarketValue, request.quantity());
            purchases.add(Tuple.tuple(List.of(request.purchaseId(), request.eventId(), request.packageId(),
                    request.donorId(), packageName, request.quantity(), seats, request.unitPrice(),
                    request.basePrice(), request.discountAmount(), request.totalPrice()))
                    .addValue(fairMarketValue).addValue(deductible).addValue(request.promoCode())
                    .addValue(request.promoId()).addValue(request.idempotencyKey()).addValue(request.fingerprint())
                    .addValue(version).addValue(sold).addValue(createdAt));
            for (int a = 0; a < request.answers().size(); a++) {
                OptionResponseView answer = request.answers().get(a);
                answers.add(Tuple.tuple(List.of(request.purchaseId(), answer.optionId(), a, answer.label(),
                        request.optionTypes().get(a), answer.value().toString())));
            }
            List<TicketView> issued = new ArrayList<>();
            String prefix = ticketPrefix(request.eventId());
            for (int seat = 0; seat < request.quantity() * seats; seat++) {
                UUID ticketId = UUID.randomUUID();
                String ticketNumber = prefix + "-" + String.format(Locale.ROOT, "%06d", numbers.get(nextNumber++));
                String qr = signer.sign(ticketId, request.eventId());
                tickets.add(Tuple.of(ticketId, request.purchaseId(), request.eventId(), seat, ticketNumber, qr));
                issued.add(new TicketView(ticketId, ticketNumber, qr, null, null, null));
            }
            SaleEvent event = new SaleEvent(UUID.randomUUID(), "ticket_sold", request.purchaseId(), request.eventId(),
                    request.packageId(), request.quantity(), issued.size(), request.totalPrice(), sold, version, now);
            outbox.add(new OutboxMessage(SALES_TOPIC, request.packageId().toString(), json(event)));
            outcomes.add(SaleOutcome.sold(new PurchaseView(request.purchaseId(), request.eventId(), request.packageId(),
                    request.donorId(), request.quantity(), request.unitPrice(), request.basePrice(),
                    request.discountAmount(), request.totalPrice(), request.promoCode(), deductible, request.answers(),
                    issued, now)));
        }
        Uni<?> chain = connection.preparedQuery(INSERT_PURCHASE).executeBatch(purchases);
        if (!answers.isEmpty()) {
            chain = chain.chain(() -> connection.preparedQuery(INSERT_ANSWER).executeBatch(answers));
        }
        return chain.chain(() -> connection.preparedQuery(INSERT_TICKET).executeBatch(tickets))
                .chain(() -> outboxWriter.addAll(connection, outbox))
                .replaceWith(outcomes);
    }

    /** A short, human-readable prefix derived from the event id, e.g. {@code E6F1C}. */
    public static String ticketPrefix(UUID eventId) {
        return "E" + eventId.toString().substring(0, 4).toUpperCase(Locale.ROOT);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SaleOutcome> repeat(SaleOutcome outcome, int count) {
        List<SaleOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outcomes.add(outcome);
        }
        return outcomes;
    }
}
