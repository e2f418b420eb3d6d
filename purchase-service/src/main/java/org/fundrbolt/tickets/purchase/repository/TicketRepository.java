package org.fundrbolt.tickets.purchase.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.Ticket;
import org.fundrbolt.tickets.purchase.mail.Mail;
import org.fundrbolt.tickets.purchase.mail.MailOutbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Queries of single tickets: ownership, guest assignment and the once-only check-in. */
@ApplicationScoped
public class TicketRepository {

    /** A ticket with what its checks need. */
    public record StoredTicket(UUID id, UUID purchaseId, UUID eventId, UUID donorId, String ticketNumber,
            String qrCode, String guestName, String guestEmail, Instant checkedInAt, String status) {

        public Ticket ticket() {
            return new Ticket(id, ticketNumber, qrCode, guestName, guestEmail, checkedInAt, status);
        }

        public boolean cancelled() {
            return Ticket.CANCELLED.equals(status);
        }
    }

    private static final String SELECT = "SELECT t.id, t.purchase_id, t.event_id, p.donor_id, t.ticket_number, "
            + "t.qr_code, t.guest_name, t.guest_email, t.checked_in_at, t.status FROM tickets t JOIN purchases p ON p.id = t.purchase_id ";

    private final Pool pool;
    private final MailOutbox mails;

    public TicketRepository(Pool pool, MailOutbox mails) {
        this.pool = pool;
        this.mails = mails;
    }

    public Uni<Optional<StoredTicket>> find(UUID ticketId) {
        return pool.preparedQuery(SELECT + "WHERE t.id = $1").execute(Tuple.of(ticketId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ticket(rows.iterator().next())));
    }

    /**
     * Assigns the seat unless it was checked in or cancelled meanwhile (then empty). A guest email that is set or
     * changed queues that guest's ticket mail in the same transaction.
     */
    public Uni<Optional<StoredTicket>> assignGuest(UUID ticketId, String guestName, String guestEmail) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT purchase_id, guest_email FROM tickets WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(ticketId)).chain(current -> {
                    if (current.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = current.iterator().next();
                    String previous = row.getString("guest_email");
                    UUID purchaseId = row.getUUID("purchase_id");
                    return connection.preparedQuery("UPDATE tickets SET guest_name = $2, guest_email = $3 "
                            + "WHERE id = $1 AND checked_in_at IS NULL AND status = 'valid' RETURNING id")
                            .execute(Tuple.of(ticketId, guestName, guestEmail)).chain(updated -> {
                                if (updated.size() == 0) {
                                    return Uni.createFrom().item(false);
                                }
                                boolean changed = guestEmail != null && !guestEmail.equalsIgnoreCase(previous);
                                return (changed
                                        ? mails.queue(connection, List.of(Mail.guestTicket(purchaseId, ticketId,
                                                guestEmail)))
                                        : Uni.createFrom().voidItem()).replaceWith(true);
                            });
                })).chain(assigned -> assigned ? find(ticketId) : Uni.createFrom().item(Optional.empty()));
    }

    /** A ticket with where its mail goes, locked until the caller's transaction ends; empty if there is none. */
    public record MailTarget(StoredTicket ticket, String purchaseEmail) {

        /** The guest's address if set, else the purchase's; null when neither exists. */
        public String address() {
            return ticket.guestEmail() != null ? ticket.guestEmail() : purchaseEmail;
        }
    }

    public Uni<Optional<MailTarget>> lockForMail(SqlConnection connection, UUID ticketId) {
        return connection.preparedQuery("SELECT t.id, t.purchase_id, t.event_id, p.donor_id, t.ticket_number, "
                + "t.qr_code, t.guest_name, t.guest_email, t.checked_in_at, t.status, p.email FROM tickets t "
                + "JOIN purchases p ON p.id = t.purchase_id WHERE t.id = $1 FOR UPDATE OF t")
                .execute(Tuple.of(ticketId)).map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(new MailTarget(ticket(rows.iterator().next()),
                                rows.iterator().next().getString("email"))));
    }

    private static StoredTicket ticket(Row row) {
        var checkedIn = row.getOffsetDateTime("checked_in_at");
        return new StoredTicket(row.getUUID("id"), row.getUUID("purchase_id"), row.getUUID("event_id"),
                row.getUUID("donor_id"), row.getString("ticket_number"), row.getString("qr_code"),
                row.getString("guest_name"), row.getString("guest_email"),
                checkedIn == null ? null : checkedIn.toInstant(), row.getString("status"));
    }
}
