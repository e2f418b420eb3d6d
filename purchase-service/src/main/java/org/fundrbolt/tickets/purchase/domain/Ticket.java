package org.fundrbolt.tickets.purchase.domain;

import java.time.Instant;
import java.util.UUID;

/** One ticket (seat) of a purchase: its number, its signed QR token, its guest and its check-in. */
public record Ticket(UUID id, String ticketNumber, String qrCode, String guestName, String guestEmail,
        Instant checkedInAt) {
}
