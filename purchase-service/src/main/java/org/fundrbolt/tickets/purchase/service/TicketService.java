package org.fundrbolt.tickets.purchase.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.validator.routines.EmailValidator;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.purchase.domain.Ticket;
import org.fundrbolt.tickets.purchase.mail.Mail;
import org.fundrbolt.tickets.purchase.mail.MailOutbox;
import org.fundrbolt.tickets.purchase.mail.MailRelay;
import org.fundrbolt.tickets.purchase.repository.DoorRepository;
import org.fundrbolt.tickets.purchase.repository.TicketRepository;
import org.fundrbolt.tickets.purchase.repository.TicketRepository.StoredTicket;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The seat rules of API.md, "Gala features": a donor sees and assigns only their own tickets, never
 * after check-in; the door checks a ticket in once, on a genuine code of its own event.
 */
@ApplicationScoped
public class TicketService {

    // Pragmatic address check: one @, no spaces, a dot in the domain; the mail provider is the real judge.
    /** RFC 5321/5322 syntax with a known top-level domain; no local (dotless) or IP-literal hosts. */
    private static final EmailValidator EMAIL = EmailValidator.getInstance(false, false);

    /** At most this many resends of one ticket per hour (API.md, "Tickets by email"). */
    static final int RESENDS_PER_HOUR = 5;

    private final TicketRepository tickets;
    private final TicketSigner signer;
    private final Pool pool;
    private final MailOutbox mails;
    private final MailRelay mailRelay;

    private final DoorRepository door;

    public TicketService(TicketRepository tickets, TicketSigner signer, Pool pool, MailOutbox mails,
            MailRelay mailRelay, DoorRepository door) {
        this.door = door;
        this.tickets = tickets;
        this.signer = signer;
        this.pool = pool;
        this.mails = mails;
        this.mailRelay = mailRelay;
    }

    /**
     * Queues one more mail of a ticket (202): to its guest if set, else to the purchase's address. {@code allowed}
     * says whether the caller may act on the ticket (a coordinator's event, a donor's own); others get 404. The
     * ticket's row lock makes the hourly limit exact under concurrent resends.
     */
    public Uni<Void> resend(UUID ticketId, java.util.function.Predicate<StoredTicket> allowed) {
        return pool.withTransaction(connection -> tickets.lockForMail(connection, ticketId).chain(found -> {
            TicketRepository.MailTarget target = found.filter(candidate -> allowed.test(candidate.ticket()))
                    .orElseThrow(() -> DomainException.notFound("ticket_not_found", "No ticket " + ticketId + "."));
            if (target.ticket().cancelled()) {
                throw cancelled(target.ticket());
            }
            String address = target.address();
            if (address == null) {
                throw new DomainException(422, "no_email_address",
                        "Ticket " + target.ticket().ticketNumber() + " has no guest email and its purchase no email "
                                + "address; assign a guest email first.");
            }
            Instant now = Instant.now();
            return mails.resendsSince(connection, ticketId, now.minus(java.time.Duration.ofHours(1))).chain(recent -> {
                if (recent.size() >= RESENDS_PER_HOUR) {
                    long wait = Math.max(1, java.time.Duration.between(now,
                            recent.get(recent.size() - RESENDS_PER_HOUR).plus(java.time.Duration.ofHours(1)))
                            .toSeconds());
                    throw new DomainException(429, "rate_limited", "Ticket " + target.ticket().ticketNumber()
                            + " was sent " + RESENDS_PER_HOUR + " times in the last hour; try again later.",
                            List.of(), Map.of("retry_after", String.valueOf(wait)));
                }
                return mails.queue(connection, List.of(Mail.resend(target.ticket().purchaseId(), ticketId, address)));
            });
        })).invoke(mailRelay::trigger);
    }

    public Uni<StoredTicket> own(UUID donorId, UUID ticketId) {
        return tickets.find(ticketId).map(found -> found.filter(ticket -> ticket.donorId().equals(donorId))
                .orElseThrow(
                        () -> DomainException.notFound("ticket_not_found", "You have no ticket " + ticketId + ".")));
    }

    public Uni<Ticket> assignGuest(UUID donorId, UUID ticketId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException(400, "malformed_json", "The body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("guest_name") && !name.equals("guest_email")) {
                throw new DomainException(400, "unknown_field", "Unknown field '" + name + "'.",
                        List.of(new FieldError(name, "unknown field")), Map.of());
            }
        }
        return own(donorId, ticketId).chain(ticket -> {
            if (ticket.cancelled()) {
                throw cancelled(ticket);
            }
            if (ticket.checkedInAt() != null) {
                throw checkedIn(ticket);
            }
            List<FieldError> errors = new ArrayList<>();
            String name = field(body, "guest_name", ticket.guestName(), errors);
            String email = field(body, "guest_email", ticket.guestEmail(), errors);
            if (name != null && (name.isBlank() || name.length() > 200
                    || !org.fundrbolt.tickets.platform.text.Text.storable(name))) {
                errors.add(new FieldError("guest_name", "guest_name must be 1 to 200 characters"));
            }
            if (email != null && (email.length() > 320 || !EMAIL.isValid(email)
                    || !org.fundrbolt.tickets.platform.text.Text.storable(email))) {
                errors.add(new FieldError("guest_email", "guest_email must be a valid email address"));
            }
            if (!errors.isEmpty()) {
                throw DomainException.validation(errors);
            }
            return tickets.assignGuest(ticketId, name == null ? null : name.trim(), email)
                    .invoke(mailRelay::trigger)
                    .chain(updated -> updated.isPresent()
                            ? Uni.createFrom().item(updated.get().ticket())
                            : tickets.find(ticketId).map(now -> {
                                StoredTicket current = now.orElse(ticket);
                                throw current.cancelled() ? cancelled(current) : checkedIn(current);
                            }));
        });
    }

    /** The online door: checks the code's ticket in once, logged with who scanned it and on which device. */
    public Uni<Ticket> checkIn(UUID eventId, String qrCode, UUID by, String deviceId) {
        TicketSigner.TicketClaims claims = qrCode == null ? null : signer.verify(qrCode);
        if (claims == null || !claims.eventId().equals(eventId)) {
            throw new DomainException(422, "invalid_ticket_code",
                    "This code is not a genuine ticket of this event.");
        }
        return door.checkIn(claims.ticketId(), eventId, null, by, deviceId)
                .chain(won -> tickets.find(claims.ticketId()).map(found -> {
                    StoredTicket ticket = found.orElseThrow(() -> new DomainException(422, "invalid_ticket_code",
                            "This code names no ticket of this event."));
                    if (won.isEmpty()) {
                        throw ticket.cancelled() ? cancelled(ticket) : checkedIn(ticket);
                    }
                    return ticket.ticket();
                }));
    }

    /** A donor's own ticket that is still valid: its QR image is gone once it is cancelled (410). */
    public Uni<StoredTicket> ownValid(UUID donorId, UUID ticketId) {
        return own(donorId, ticketId).map(ticket -> {
            if (ticket.cancelled()) {
                throw new DomainException(410, "ticket_cancelled",
                        "Ticket " + ticket.ticketNumber() + " was cancelled; it no longer admits anyone.");
            }
            return ticket;
        });
    }

    static DomainException cancelled(StoredTicket ticket) {
        return new DomainException(409, "ticket_cancelled",
                "Ticket " + ticket.ticketNumber() + " was cancelled; it no longer admits anyone.");
    }

    private static DomainException checkedIn(StoredTicket ticket) {
        return new DomainException(409, "already_checked_in",
                "Ticket " + ticket.ticketNumber() + " was already checked in.",
                List.of(), ticket.checkedInAt() == null
                        ? Map.of()
                        : Map.of("checked_in_at", ticket.checkedInAt()));
    }

    private static String field(JsonNode body, String name, String current, List<FieldError> errors) {
        if (!body.has(name)) {
            return current;
        }
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new DomainException(400, "malformed_json", name + " must be a string or null.");
        }
        return value.asText();
    }
}
