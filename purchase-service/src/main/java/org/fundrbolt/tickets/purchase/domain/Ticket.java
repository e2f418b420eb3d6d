package org.fundrbolt.tickets.purchase.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One ticket (seat) of a purchase: its number, its signed QR token, its guest, its check-in and its status
 * ({@code valid}, or {@code cancelled} by a cancellation).
 */
public record Ticket(UUID id, String ticketNumber, String qrCode, String guestName, String guestEmail,
        Instant checkedInAt, String status) {

    public static final String VALID = "valid";
    public static final String CANCELLED = "cancelled";

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }
}
