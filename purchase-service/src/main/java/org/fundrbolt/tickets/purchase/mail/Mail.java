package org.fundrbolt.tickets.purchase.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One mail of the outbox (API.md, "Tickets by email"): what it is about, where it goes and how its sending went.
 * {@code ticketId} names the one ticket of a guest ticket or a resend; {@code cancellationId} the cancellation
 * of a notice.
 */
public record Mail(UUID id, UUID purchaseId, UUID ticketId, UUID cancellationId, String kind, String to,
        String status, int attempts, Instant createdAt, Instant sentAt) {

    public static final String CONFIRMATION = "confirmation";
    public static final String GUEST_TICKET = "guest_ticket";
    public static final String CANCELLATION = "cancellation";
    public static final String RESEND = "resend";

    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    /** A purchase's one confirmation. */
    public static Mail confirmation(UUID purchaseId, String to) {
        return queued(derived("confirmation", purchaseId), purchaseId, null, null, CONFIRMATION, to);
    }

    /** A cancellation's one notice. */
    public static Mail cancellation(UUID purchaseId, UUID cancellationId, String to) {
        return queued(derived("cancellation", cancellationId), purchaseId, null, cancellationId, CANCELLATION, to);
    }

    /** A guest's ticket, each time the guest email is set or changed. */
    public static Mail guestTicket(UUID purchaseId, UUID ticketId, String to) {
        return queued(UUID.randomUUID(), purchaseId, ticketId, null, GUEST_TICKET, to);
    }

    public static Mail resend(UUID purchaseId, UUID ticketId, String to) {
        return queued(UUID.randomUUID(), purchaseId, ticketId, null, RESEND, to);
    }

    /** The Message-ID header: stable for the row, so every attempt to send it carries the same one. */
    public String messageId(String domain) {
        return "<" + kind.replace('_', '-') + "." + id + "@" + domain + ">";
    }

    private static Mail queued(UUID id, UUID purchaseId, UUID ticketId, UUID cancellationId, String kind, String to) {
        return new Mail(id, purchaseId, ticketId, cancellationId, kind, to, QUEUED, 0, null, null);
    }

    private static UUID derived(String about, UUID id) {
        return UUID.nameUUIDFromBytes(("mail\u0000" + about + "\u0000" + id).getBytes(StandardCharsets.UTF_8));
    }
}
