package org.fundrbolt.tickets.purchase.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.Money;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.SaleEvent;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.domain.Stock;
import org.fundrbolt.tickets.purchase.domain.StockClaim;
import org.fundrbolt.tickets.purchase.domain.Ticket;
import org.fundrbolt.tickets.purchase.mail.Mail;
import org.fundrbolt.tickets.purchase.mail.MailOutbox;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.fundrbolt.tickets.purchase.repository.SaleRepository.Sold;
import org.fundrbolt.tickets.purchase.repository.TicketSequences;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Writes what a claim sold, in the claim's transaction: each purchase with its tax-deductible amount,
 * its answers and its tickets, numbered from the event's own sequence, one ticket_sold event each for the outbox, and the confirmation mail of
 * each purchase that has an email address.
 */
@ApplicationScoped
public class PurchaseRecorder {

    private final SaleRepository sales;
    private final TicketSequences sequences;
    private final TicketIssuer issuer;
    private final MailOutbox mailOutbox;

    public PurchaseRecorder(SaleRepository sales, TicketSequences sequences, TicketIssuer issuer,
            MailOutbox mailOutbox) {
        this.sales = sales;
        this.sequences = sequences;
        this.issuer = issuer;
        this.mailOutbox = mailOutbox;
    }

    /** The purchases of {@code sold}, in order; {@code claim} holds the row's figures after all of them. */
    public Uni<List<Purchase>> record(SqlConnection connection, Stock stock, List<SaleRequest> sold, StockClaim claim) {
        int seats = sold.stream().mapToInt(request -> request.tickets().size()).sum();
        return sequences.next(connection, sold.get(0).eventId(), seats).chain(numbers -> {
            Instant now = stock.claimedAt(); // the instant the claim was decided at (SaleTransaction)
            Iterator<Long> sequence = numbers.iterator();
            // Walk up from the figures before the claim, so each purchase carries the row as it left it.
            int soldCount = claim.soldCountAfter() - sold.stream().mapToInt(SaleRequest::quantity).sum();
            long version = claim.versionAfter() - sold.size();
            long ticketsAfter = claim.ticketsAfter() - seats;
            BigDecimal revenueAfter = claim.revenueAfter()
                    .subtract(sold.stream().map(SaleRequest::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add));
            BigDecimal donationsAfter = claim.donationsAfter().subtract(
                    sold.stream().map(SaleRequest::donationAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
            List<Sold> rows = new ArrayList<>(sold.size());
            List<SaleEvent> events = new ArrayList<>(sold.size());
            for (SaleRequest request : sold) {
                soldCount += request.quantity();
                version++;
                ticketsAfter += request.seats();
                revenueAfter = revenueAfter.add(request.totalPrice());
                donationsAfter = donationsAfter.add(request.donationAmount());
                List<Ticket> tickets = issuer.number(request.eventId(), request.tickets(), sequence);
                BigDecimal deductible = Money.taxDeductible(request.ticketPart(), Money.ZERO,
                        request.donationAmount(), stock.fairMarketValue(), request.seats(), request.seatsPerPackage(),
                        request.terms().complimentary());
                Purchase purchase = new Purchase(request.purchaseId(), request.eventId(), request.packageId(),
                        request.donorId(), request.quantity(), request.unitPrice(), request.basePrice(),
                        request.discountAmount(), request.totalPrice(), request.promoCode(), deductible,
                        request.answers(), tickets, now, Purchase.ACTIVE, request.terms(), request.donationAmount(),
                        Money.ZERO, List.of());
                rows.add(new Sold(request, purchase, version, soldCount));
                // A sale refunds and cancels nothing: those figures are the claim's as they were.
                events.add(SaleEvent.sold(purchase, request.promoId(), new StockClaim(soldCount, version, ticketsAfter,
                        revenueAfter, claim.refundedAfter(), donationsAfter, claim.cancelledTicketsAfter()), now));
            }
            List<Mail> mails = rows.stream().map(Sold::purchase).filter(purchase -> purchase.terms().email() != null)
                    .map(purchase -> Mail.confirmation(purchase.id(), purchase.terms().email())).toList();
            return sales.insert(connection, stock, rows)
                    .chain(() -> sales.insertEvents(connection, events))
                    .chain(() -> mailOutbox.queue(connection, mails))
                    .replaceWith(rows.stream().map(Sold::purchase).toList());
        });
    }
}
