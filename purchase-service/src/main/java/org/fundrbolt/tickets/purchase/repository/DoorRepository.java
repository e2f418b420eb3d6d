package org.fundrbolt.tickets.purchase.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The door's statements (API.md, "Door operations"). A check-in and an undo are each one conditional statement
 * that also writes its log row, so two doors (or two offline devices, or a door and a cancellation) can never both
 * win, and the log holds exactly what happened.
 */
@ApplicationScoped
public class DoorRepository {

    /** One row of the attendee search or the door list. */
    public record Attendee(UUID ticketId, String ticketNumber, UUID packageId, String packageName, String guestName,
            String guestEmail, UUID purchaseId, String status, Instant checkedInAt, String changeXid, String qrCode) {
    }

    public record LogEntry(UUID ticketId, String ticketNumber, String action, UUID by, String deviceId, Instant at) {
    }

    public record PackageCount(UUID packageId, String name, long checkedIn, long total) {
    }

    /** A stored offline scan's answer. */
    public record ScanResult(String result, UUID ticketId, Instant checkedInAt) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    private static final String CHECK_IN = """
            WITH done AS (
                UPDATE tickets SET checked_in_at = coalesce($3::timestamptz, date_trunc('milliseconds', now()))
                WHERE id = $1 AND event_id = $2 AND status = 'valid' AND checked_in_at IS NULL
                RETURNING id, checked_in_at)
            INSERT INTO check_in_log (event_id, ticket_id, action, by_user, device_id, at)
            SELECT $2, id, 'check_in', $4, $5, checked_in_at FROM done
            RETURNING at
            """;
    private static final String UNDO = """
            WITH undone AS (
                UPDATE tickets SET checked_in_at = NULL
                WHERE id = $1 AND event_id = $2 AND checked_in_at IS NOT NULL
                RETURNING id)
            INSERT INTO check_in_log (event_id, ticket_id, action, by_user, device_id, at)
            SELECT $2, id, 'undo', $3, $4, date_trunc('milliseconds', now()) FROM undone
            RETURNING id
            """;
    private static final String ATTENDEE = "SELECT t.id, t.ticket_number, p.package_id, p.package_name, t.guest_name, "
            + "t.guest_email, t.purchase_id, t.status, t.checked_in_at, t.change_xid::text AS change_xid, t.qr_code "
            + "FROM tickets t JOIN purchases p ON p.id = t.purchase_id ";
    private static final String SEARCH = " WHERE t.event_id = $1 AND ($2::text IS NULL OR t.guest_name ILIKE $2 "
            + "OR t.guest_email ILIKE $2 OR t.ticket_number ILIKE $2 OR p.email ILIKE $2)";

    private final Pool pool;

    public DoorRepository(Pool pool) {
        this.pool = pool;
    }

    /** Checks a valid ticket of the event in at {@code at} (null: now); the time it won, or empty if it did not. */
    public Uni<Optional<Instant>> checkIn(SqlClient client, UUID ticketId, UUID eventId, Instant at, UUID by,
            String deviceId) {
        return client.preparedQuery(CHECK_IN)
                .execute(Tuple.of(ticketId, eventId, at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        by, deviceId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime("at").toInstant()));
    }

    public Uni<Optional<Instant>> checkIn(UUID ticketId, UUID eventId, Instant at, UUID by, String deviceId) {
        return checkIn(pool, ticketId, eventId, at, by, deviceId);
    }

    /** Undoes a check-in; whether there was one to undo. */
    public Uni<Boolean> undo(UUID ticketId, UUID eventId, UUID by, String deviceId) {
        return pool.preparedQuery(UNDO).execute(Tuple.of(ticketId, eventId, by, deviceId))
                .map(rows -> rows.size() == 1);
    }

    /** The ticket of the event, whatever its state; empty when the event has no such ticket. */
    public Uni<Optional<Attendee>> find(SqlClient client, UUID ticketId, UUID eventId) {
        return client.preparedQuery(ATTENDEE + "WHERE t.id = $1 AND t.event_id = $2")
                .execute(Tuple.of(ticketId, eventId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(attendee(rows.iterator().next())));
    }

    /** The event's tickets that {@code query} matches (all of them for none), by guest name then ticket number. */
    public Uni<Page<Attendee>> attendees(UUID eventId, String query, int page, int size) {
        String pattern = PurchaseQueries.containing(query);
        Uni<List<Attendee>> list = pool.preparedQuery(ATTENDEE + SEARCH
                + " ORDER BY t.guest_name NULLS LAST, t.ticket_number LIMIT $3 OFFSET $4")
                .execute(Tuple.of(eventId, pattern, size, (long) page * size)).map(DoorRepository::attendees);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM tickets t JOIN purchases p ON p.id = "
                + "t.purchase_id" + SEARCH).execute(Tuple.of(eventId, pattern))
                .map(rows -> rows.iterator().next().getLong("n"));
        return Uni.combine().all().unis(list, total).asTuple()
                .map(both -> new Page<>(both.getItem1(), both.getItem2()));
    }

    /** Valid tickets of the event per package: how many are in, of how many. */
    public Uni<List<PackageCount>> summary(UUID eventId) {
        return pool.preparedQuery("""
                SELECT p.package_id, coalesce(i.name, max(p.package_name)) AS name,
                       count(*) FILTER (WHERE t.checked_in_at IS NOT NULL) AS checked_in, count(*) AS total
                FROM tickets t JOIN purchases p ON p.id = t.purchase_id
                LEFT JOIN inventory i ON i.package_id = p.package_id
                WHERE t.event_id = $1 AND t.status = 'valid'
                GROUP BY p.package_id, i.name, i.display_order
                ORDER BY i.display_order NULLS LAST, name
                """).execute(Tuple.of(eventId)).map(rows -> {
            List<PackageCount> counts = new ArrayList<>();
            rows.forEach(row -> counts.add(new PackageCount(row.getUUID("package_id"), row.getString("name"),
                    row.getLong("checked_in"), row.getLong("total"))));
            return counts;
        });
    }

    public Uni<Page<LogEntry>> log(UUID eventId, int page, int size) {
        Uni<List<LogEntry>> list = pool.preparedQuery("SELECT l.ticket_id, t.ticket_number, l.action, l.by_user, "
                + "l.device_id, l.at FROM check_in_log l JOIN tickets t ON t.id = l.ticket_id WHERE l.event_id = $1 "
                + "ORDER BY l.id DESC LIMIT $2 OFFSET $3").execute(Tuple.of(eventId, size, (long) page * size))
                .map(rows -> {
                    List<LogEntry> entries = new ArrayList<>();
                    rows.forEach(
                            row -> entries.add(new LogEntry(row.getUUID("ticket_id"), row.getString("ticket_number"),
                                    row.getString("action"), row.getUUID("by_user"), row.getString("device_id"),
                                    row.getOffsetDateTime("at").toInstant())));
                    return entries;
                });
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM check_in_log WHERE event_id = $1")
                .execute(Tuple.of(eventId)).map(rows -> rows.iterator().next().getLong("n"));
        return Uni.combine().all().unis(list, total).asTuple()
                .map(both -> new Page<>(both.getItem1(), both.getItem2()));
    }

    /**
     * The event's tickets written after {@code (xid, ticketId)} by transactions older than every one still running,
     * in that order, at most {@code limit}.
     */
    public Uni<List<Attendee>> changedAfter(UUID eventId, String xid, UUID ticketId, int limit) {
        return pool.preparedQuery(ATTENDEE + "WHERE t.event_id = $1 AND (t.change_xid, t.id) > ($2::text::xid8, $3) "
                + "AND t.change_xid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY t.change_xid, t.id LIMIT $4")
                .execute(Tuple.of(eventId, xid, ticketId, limit)).map(DoorRepository::attendees);
    }

    /**
     * Claims {@code (device, nonce)} for this upload in the caller's transaction; empty when an earlier upload
     * holds it (then {@link #storedScan} has its answer, once that upload has committed).
     */
    public Uni<Boolean> claimScan(SqlConnection connection, UUID eventId, String deviceId, String nonce) {
        return connection.preparedQuery("INSERT INTO door_scans (event_id, device_id, nonce, result) "
                + "VALUES ($1, $2, $3, 'pending') ON CONFLICT DO NOTHING RETURNING nonce")
                .execute(Tuple.of(eventId, deviceId, nonce)).map(rows -> rows.size() == 1);
    }

    public Uni<Void> recordScan(SqlConnection connection, UUID eventId, String deviceId, String nonce,
            ScanResult result) {
        return connection.preparedQuery("UPDATE door_scans SET result = $4, ticket_id = $5, checked_in_at = $6 "
                + "WHERE event_id = $1 AND device_id = $2 AND nonce = $3")
                .execute(Tuple.of(eventId, deviceId, nonce, result.result(), result.ticketId(),
                        result.checkedInAt() == null
                                ? null
                                : OffsetDateTime.ofInstant(result.checkedInAt(),
                                        ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<ScanResult>> storedScan(SqlConnection connection, UUID eventId, String deviceId,
            String nonce) {
        return connection.preparedQuery("SELECT result, ticket_id, checked_in_at FROM door_scans "
                + "WHERE event_id = $1 AND device_id = $2 AND nonce = $3").execute(Tuple.of(eventId, deviceId, nonce))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime at = row.getOffsetDateTime("checked_in_at");
                    return Optional.of(new ScanResult(row.getString("result"), row.getUUID("ticket_id"),
                            at == null ? null : at.toInstant()));
                });
    }

    private static List<Attendee> attendees(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Attendee> list = new ArrayList<>();
        rows.forEach(row -> list.add(attendee(row)));
        return list;
    }

    private static Attendee attendee(Row row) {
        OffsetDateTime at = row.getOffsetDateTime("checked_in_at");
        return new Attendee(row.getUUID("id"), row.getString("ticket_number"), row.getUUID("package_id"),
                row.getString("package_name"), row.getString("guest_name"), row.getString("guest_email"),
                row.getUUID("purchase_id"), row.getString("status"), at == null ? null : at.toInstant(),
                row.getString("change_xid"), row.getString("qr_code"));
    }
}
