package org.fundrbolt.tickets.purchase.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.Answer;
import org.fundrbolt.tickets.purchase.domain.Cancellation;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.PurchaseTerms;
import org.fundrbolt.tickets.purchase.domain.Ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of stored purchases, with their answers and tickets. */
@ApplicationScoped
public class PurchaseQueries {

    /** A purchase stored under a donor's Idempotency-Key, and the fingerprint of the body that made it. */
    public record KeyedPurchase(UUID purchaseId, String fingerprint) {
    }

    /** One page of purchases and the total count. */
    public record Page(List<Purchase> purchases, long total) {
    }

    private static final String COLUMNS = "id, event_id, package_id, donor_id, quantity, unit_price, base_price, "
            + "discount_amount, total_price, promo_code, tax_deductible_amount, created_at, status, channel, payment, "
            + "donation_amount, refunded_amount, email, buyer_name, note, created_by";

    private final Pool pool;
    private final ObjectMapper mapper;

    public PurchaseQueries(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Optional<KeyedPurchase>> findByKey(UUID donorId, String idempotencyKey) {
        return pool
                .preparedQuery("SELECT id, request_hash FROM purchases WHERE key_owner = $1 AND idempotency_key = $2")
                .execute(Tuple.of(donorId, idempotencyKey))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(new KeyedPurchase(rows.iterator().next().getUUID("id"),
                                rows.iterator().next().getString("request_hash"))));
    }

    /** Whether a purchase with this id was committed (the only proof promo-service accepts to keep a use). */
    public Uni<Boolean> exists(UUID purchaseId) {
        return pool.preparedQuery("SELECT 1 FROM purchases WHERE id = $1").execute(Tuple.of(purchaseId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Optional<Purchase>> find(UUID purchaseId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM purchases WHERE id = $1").execute(Tuple.of(purchaseId))
                .chain(this::views).map(views -> views.stream().findFirst());
    }

    /** A purchase with the package name it was sold under (for the receipt). */
    public record NamedPurchase(Purchase purchase, String packageName) {
    }

    public Uni<Optional<NamedPurchase>> findWithPackageName(UUID purchaseId) {
        return find(purchaseId).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<NamedPurchase>empty())
                : pool.preparedQuery("SELECT package_name FROM purchases WHERE id = $1").execute(Tuple.of(purchaseId))
                        .map(rows -> Optional.of(new NamedPurchase(found.get(),
                                rows.iterator().next().getString("package_name")))));
    }

    /**
     * One page of the event's purchases, newest first, optionally only those of a {@code status} and those that
     * {@code query} matches (case-insensitive substring of a ticket number, the purchase email or buyer name, a
     * guest name or email).
     */
    public Uni<Page> byEvent(UUID eventId, String status, String query, int page, int size) {
        String pattern = containing(query);
        Uni<List<Purchase>> list = pool.preparedQuery("SELECT " + COLUMNS + " FROM purchases p WHERE " + FILTER
                + " ORDER BY seq DESC LIMIT $4 OFFSET $5")
                .execute(Tuple.of(eventId, status, pattern, size, (long) page * size)).chain(this::views);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS total FROM purchases p WHERE " + FILTER)
                .execute(Tuple.of(eventId, status, pattern)).map(rows -> rows.iterator().next().getLong("total"));
        return Uni.combine().all().unis(list, total).asTuple().map(t -> new Page(t.getItem1(), t.getItem2()));
    }

    private static final String FILTER = """
            p.event_id = $1 AND ($2::text IS NULL OR p.status = $2)
              AND ($3::text IS NULL OR p.email ILIKE $3 OR p.buyer_name ILIKE $3 OR EXISTS (
                  SELECT 1 FROM tickets t WHERE t.purchase_id = p.id
                    AND (t.ticket_number ILIKE $3 OR t.guest_name ILIKE $3 OR t.guest_email ILIKE $3)))
            """;

    /**
     * The (I)LIKE pattern of "contains {@code text} literally": its wildcards and the escape character lose their
     * meaning. Null for no text.
     */
    static String containing(String text) {
        return text == null
                ? null
                : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public Uni<List<Purchase>> byDonor(UUID donorId) {
        return pool
                .preparedQuery("SELECT " + COLUMNS + " FROM purchases WHERE donor_id = $1 ORDER BY seq DESC LIMIT 500")
                .execute(Tuple.of(donorId)).chain(this::views);
    }

    private Uni<List<Purchase>> views(RowSet<Row> rows) {
        List<Row> purchases = new ArrayList<>();
        rows.forEach(purchases::add);
        if (purchases.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = purchases.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
        Uni<Map<UUID, List<Answer>>> answers = pool.preparedQuery(
                "SELECT purchase_id, option_id, label, option_type, value::text AS value FROM purchase_option_responses "
                        + "WHERE purchase_id = ANY($1) ORDER BY purchase_id, position")
                .execute(Tuple.of(ids)).map(found -> {
                    Map<UUID, List<Answer>> byPurchase = new HashMap<>();
                    found.forEach(row -> byPurchase.computeIfAbsent(row.getUUID("purchase_id"), k -> new ArrayList<>())
                            .add(new Answer(row.getUUID("option_id"), row.getString("label"),
                                    row.getString("option_type"), readJson(row.getString("value")))));
                    return byPurchase;
                });
        Uni<Map<UUID, List<Ticket>>> tickets = pool.preparedQuery(
                "SELECT id, purchase_id, ticket_number, qr_code, guest_name, guest_email, checked_in_at, status "
                        + "FROM tickets "
                        + "WHERE purchase_id = ANY($1) ORDER BY purchase_id, seat_index")
                .execute(Tuple.of(ids)).map(found -> {
                    Map<UUID, List<Ticket>> byPurchase = new HashMap<>();
                    found.forEach(row -> byPurchase.computeIfAbsent(row.getUUID("purchase_id"), k -> new ArrayList<>())
                            .add(new Ticket(row.getUUID("id"), row.getString("ticket_number"),
                                    row.getString("qr_code"), row.getString("guest_name"), row.getString("guest_email"),
                                    instant(row, "checked_in_at"), row.getString("status"))));
                    return byPurchase;
                });
        Uni<Map<UUID, List<Cancellation>>> cancellations = pool.preparedQuery(
                "SELECT id, purchase_id, ticket_ids, packages_returned, refund_amount, kind, reason, created_by, "
                        + "created_at FROM cancellations WHERE purchase_id = ANY($1) ORDER BY purchase_id, seq")
                .execute(Tuple.of(ids)).map(found -> {
                    Map<UUID, List<Cancellation>> byPurchase = new HashMap<>();
                    found.forEach(row -> byPurchase.computeIfAbsent(row.getUUID("purchase_id"), k -> new ArrayList<>())
                            .add(cancellation(row)));
                    return byPurchase;
                });
        return Uni.combine().all().unis(answers, tickets, cancellations).asTuple().map(all -> {
            Map<UUID, Purchase> views = new LinkedHashMap<>();
            for (Row row : purchases) {
                UUID id = row.getUUID("id");
                views.put(id, new Purchase(id, row.getUUID("event_id"), row.getUUID("package_id"),
                        row.getUUID("donor_id"), row.getInteger("quantity"), row.getBigDecimal("unit_price"),
                        row.getBigDecimal("base_price"), row.getBigDecimal("discount_amount"),
                        row.getBigDecimal("total_price"), row.getString("promo_code"),
                        row.getBigDecimal("tax_deductible_amount"), all.getItem1().getOrDefault(id, List.of()),
                        all.getItem2().getOrDefault(id, List.of()), instant(row, "created_at"),
                        row.getString("status"), new PurchaseTerms(row.getString("channel"), row.getString("payment"),
                                row.getString("email"), row.getString("buyer_name"), row.getString("note"),
                                row.getUUID("created_by")),
                        row.getBigDecimal("donation_amount"), row.getBigDecimal("refunded_amount"),
                        all.getItem3().getOrDefault(id, List.of())));
            }
            return List.copyOf(views.values());
        });
    }

    /** A cancellation as its row stores it. */
    public static Cancellation cancellation(Row row) {
        return new Cancellation(row.getUUID("id"), row.getUUID("purchase_id"),
                List.of(row.getArrayOfUUIDs("ticket_ids")), row.getInteger("packages_returned"),
                row.getBigDecimal("refund_amount"), row.getString("kind"), row.getString("reason"),
                row.getUUID("created_by"), instant(row, "created_at"));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
