package org.fundrbolt.tickets.purchase.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.SignedTicket;
import org.fundrbolt.tickets.purchase.domain.Ticket;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Issues a purchase's tickets in two halves: the QR tokens are signed before the claim (a signature
 * depends only on the ticket and event ids), the numbers are given inside it, from ticket_number_seq.
 */
@ApplicationScoped
public class TicketIssuer {

    private final TicketSigner signer;
    private final Vertx vertx;

    public TicketIssuer(TicketSigner signer, Vertx vertx) {
        this.signer = signer;
        this.vertx = vertx;
    }

    /**
     * Signs {@code count} new tickets of the event on a worker thread: ECDSA is a sale's largest CPU cost,
     * and neither the event loop nor the inventory row lock may wait on it.
     */
    public Uni<List<SignedTicket>> sign(UUID eventId, int count) {
        return vertx.executeBlocking(() -> {
            List<SignedTicket> tickets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UUID ticketId = UUID.randomUUID();
                tickets.add(new SignedTicket(ticketId, signer.sign(ticketId, eventId)));
            }
            return tickets;
        }, false);
    }

    /** The signed tickets numbered in order, each taking the next of {@code sequence}. */
    public List<Ticket> number(UUID eventId, List<SignedTicket> signed, Iterator<Long> sequence) {
        List<Ticket> tickets = new ArrayList<>(signed.size());
        for (SignedTicket ticket : signed) {
            tickets.add(ticket.numbered(ticketNumber(eventId, sequence.next())));
        }
        return tickets;
    }

    /** {@code E} and the event id's first four hex digits, then the sequence value: e.g. {@code E6F1C-000042}. */
    static String ticketNumber(UUID eventId, long sequence) {
        return "E" + eventId.toString().substring(0, 4).toUpperCase(Locale.ROOT)
                + "-" + String.format(Locale.ROOT, "%06d", sequence);
    }
}
