package org.fundrbolt.tickets.purchase.domain;

import java.util.UUID;

/** A ticket whose QR token is signed but which has no number yet: numbers are given inside the claim. */
public record SignedTicket(UUID id, String qrCode) {

    public Ticket numbered(String ticketNumber) {
        return new Ticket(id, ticketNumber, qrCode, null, null, null, Ticket.VALID);
    }
}
