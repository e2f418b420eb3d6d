package org.fundrbolt.tickets.purchase.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.domain.SignedTicket;
import org.fundrbolt.tickets.purchase.domain.Ticket;

import io.smallrye.mutiny.Uni;

/**
 * Issues a purchase's tickets in two halves: the QR tokens are signed before the claim (a signature
 * depends only on the ticket and event ids), the numbers are given inside it, from the event's own sequence (TicketSequences).
 */
@ApplicationScoped
public class TicketIssuer {

    private final TicketSigner signer;
    private final ExecutorService signers;

    public TicketIssuer(TicketSigner signer, PurchaseConfig config) {
        this.signer = signer;
        int threads = config.ticketSigning().threads()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        this.signers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ticket-signer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Signs {@code count} new tickets of the event on the signing threads: ECDSA is a sale's largest CPU cost,
     * and neither the event loop nor the inventory row lock may wait on it. The threads are fewer than the
     * cores, so that sponsor tables of 50 seats bought by the hundred never starve the event loops (health
     * probes, other buyers' answers) of CPU; signing work queues instead.
     */
    public Uni<List<SignedTicket>> sign(UUID eventId, int count) {
        return Uni.createFrom().item(() -> {
            List<SignedTicket> tickets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UUID ticketId = UUID.randomUUID();
                tickets.add(new SignedTicket(ticketId, signer.sign(ticketId, eventId)));
            }
            return tickets;
        }).runSubscriptionOn(signers);
    }

    @PreDestroy
    void stop() {
        signers.shutdown();
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
