package org.fundrbolt.tickets.purchase.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The mail outbox's statements: rows written in the caller's transaction (so a mail exists exactly when the change
 * that causes it committed), leased by the relay for sending, and marked sent, retried later or failed.
 */
@ApplicationScoped
public class MailOutbox {

    private static final String INSERT = "INSERT INTO mails (id, purchase_id, ticket_id, cancellation_id, kind, "
            + "to_address) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING";
    private static final String COLUMNS = "id, purchase_id, ticket_id, cancellation_id, kind, to_address, status, "
            + "attempts, created_at, sent_at";
    private static final String LEASE = """
            UPDATE mails SET lease_until = now() + $2::bigint * interval '1 millisecond', attempts = attempts + 1
            WHERE id IN (SELECT id FROM mails WHERE status = 'queued' AND next_attempt_at <= now()
                           AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY next_attempt_at, seq LIMIT $1 FOR UPDATE SKIP LOCKED)
            """ + "RETURNING " + COLUMNS;

    private final Pool pool;

    public MailOutbox(Pool pool) {
        this.pool = pool;
    }

    /** Queues the mails in the caller's transaction; a derived id already queued is left as it is. */
    public Uni<Void> queue(SqlConnection connection, List<Mail> mails) {
        if (mails.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = mails.stream().map(mail -> Tuple.of(mail.id(), mail.purchaseId(), mail.ticketId(),
                mail.cancellationId(), mail.kind(), mail.to())).toList();
        return connection.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /** Up to {@code limit} due mails, each leased for {@code lease} to this relay. */
    public Uni<List<Mail>> lease(int limit, Duration lease) {
        return pool.preparedQuery(LEASE).execute(Tuple.of(limit, lease.toMillis()))
                .map(rows -> {
                    List<Mail> mails = new ArrayList<>();
                    rows.forEach(row -> mails.add(mail(row)));
                    return mails;
                });
    }

    public Uni<Void> sent(UUID id) {
        return pool.preparedQuery("UPDATE mails SET status = 'sent', sent_at = date_trunc('milliseconds', now()), "
                + "lease_until = NULL, last_error = NULL WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** A failed attempt: tried again at {@code next}, or given up for good ({@code next} null). */
    public Uni<Void> failed(UUID id, String error, Instant next) {
        String reason = error == null ? "unknown" : error.length() > 500 ? error.substring(0, 500) : error;
        if (next == null) {
            return pool.preparedQuery("UPDATE mails SET status = 'failed', lease_until = NULL, last_error = $2 "
                    + "WHERE id = $1").execute(Tuple.of(id, reason)).replaceWithVoid();
        }
        return pool.preparedQuery("UPDATE mails SET next_attempt_at = $3, lease_until = NULL, last_error = $2 "
                + "WHERE id = $1")
                .execute(Tuple.of(id, reason, OffsetDateTime.ofInstant(next, java.time.ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The mails of each purchase, oldest first. */
    public Uni<Map<UUID, List<Mail>>> ofPurchases(List<UUID> purchaseIds) {
        if (purchaseIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM mails WHERE purchase_id = ANY($1) "
                + "ORDER BY purchase_id, seq").execute(Tuple.of(purchaseIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<Mail>> byPurchase = new HashMap<>();
                    rows.forEach(row -> byPurchase.computeIfAbsent(row.getUUID("purchase_id"), k -> new ArrayList<>())
                            .add(mail(row)));
                    return byPurchase;
                });
    }

    /** How many mails wait to be sent, and how many were given up (for the metrics). */
    public Uni<long[]> counts() {
        return pool.query("SELECT (SELECT count(*) FROM mails WHERE status = 'queued') AS queued, "
                + "(SELECT count(*) FROM mails WHERE status = 'failed') AS failed").execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[]{row.getLong("queued"), row.getLong("failed")};
                });
    }

    /** Resends of a ticket queued since {@code since}, on the caller's connection (which holds the ticket's lock). */
    public Uni<List<Instant>> resendsSince(SqlConnection connection, UUID ticketId, Instant since) {
        return connection.preparedQuery("SELECT created_at FROM mails WHERE ticket_id = $1 AND kind = 'resend' "
                + "AND created_at > $2 ORDER BY created_at")
                .execute(Tuple.of(ticketId, OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC)))
                .map(rows -> {
                    List<Instant> times = new ArrayList<>();
                    rows.forEach(row -> times.add(row.getOffsetDateTime("created_at").toInstant()));
                    return times;
                });
    }

    private static Mail mail(Row row) {
        OffsetDateTime sent = row.getOffsetDateTime("sent_at");
        return new Mail(row.getUUID("id"), row.getUUID("purchase_id"), row.getUUID("ticket_id"),
                row.getUUID("cancellation_id"), row.getString("kind"), row.getString("to_address"),
                row.getString("status"), row.getInteger("attempts"), row.getOffsetDateTime("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
