package org.fundrbolt.tickets.purchase.rest.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.domain.Answer;
import org.fundrbolt.tickets.purchase.domain.Cancellation;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.Ticket;
import org.fundrbolt.tickets.purchase.mail.Mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code Purchase} of API.md, with its lifecycle ("Order lifecycle"). {@code note} and {@code emails} are the
 * coordinator's: only the admin views carry them.
 */
public record PurchaseView(UUID id, UUID eventId, UUID packageId, UUID donorId, int quantity, BigDecimal unitPrice,
        BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice, String promoCode,
        BigDecimal taxDeductibleAmount, List<OptionResponseView> optionResponses, List<TicketView> tickets,
        Instant createdAt, String status, String channel, String payment, BigDecimal donationAmount,
        BigDecimal refundedAmount, String email, String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note, List<CancellationView> cancellations,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<MailView> emails) {

    /** As the donor sees it (checkout, the {@code me} endpoints). */
    public static PurchaseView of(Purchase purchase) {
        return of(purchase, (List<Mail>) null);
    }

    /** As a coordinator sees it: with the note and its mails (oldest first). */
    public static PurchaseView admin(Purchase purchase, List<Mail> mails) {
        return of(purchase, mails == null ? List.of() : mails);
    }

    /** {@code mails} null is the donor's view (no note, no mails). */
    private static PurchaseView of(Purchase purchase, List<Mail> mails) {
        boolean admin = mails != null;
        var terms = purchase.terms();
        return new PurchaseView(purchase.id(), purchase.eventId(), purchase.packageId(), purchase.donorId(),
                purchase.quantity(), purchase.unitPrice(), purchase.basePrice(), purchase.discountAmount(),
                purchase.totalPrice(), purchase.promoCode(), purchase.taxDeductibleAmount(),
                purchase.answers().stream().map(OptionResponseView::of).toList(),
                purchase.tickets().stream().map(TicketView::of).toList(), purchase.createdAt(), purchase.status(),
                terms.channel(), terms.payment(), purchase.donationAmount(), purchase.refundedAmount(), terms.email(),
                terms.buyerName(), admin ? terms.note() : null,
                purchase.cancellations().stream().map(CancellationView::of).toList(),
                admin ? mails.stream().map(MailView::of).toList() : null);
    }

    /** An answer as stored with the purchase. */
    public record OptionResponseView(UUID optionId, String label, JsonNode value) {

        static OptionResponseView of(Answer answer) {
            return new OptionResponseView(answer.optionId(), answer.label(), answer.value());
        }
    }

    /** One ticket (seat) of the purchase. */
    public record TicketView(UUID id, String ticketNumber, String qrCode, String guestName, String guestEmail,
            Instant checkedInAt, String status) {

        public static TicketView of(Ticket ticket) {
            return new TicketView(ticket.id(), ticket.ticketNumber(), ticket.qrCode(), ticket.guestName(),
                    ticket.guestEmail(), ticket.checkedInAt(), ticket.status());
        }
    }

    /** One mail of the purchase and how its sending went (API.md, "Tickets by email"). */
    public record MailView(String kind, String to, String status, int attempts, Instant sentAt, UUID ticketId,
            Instant queuedAt) {

        static MailView of(Mail mail) {
            return new MailView(mail.kind(), mail.to(), mail.status(), mail.attempts(), mail.sentAt(), mail.ticketId(),
                    mail.createdAt());
        }
    }

    /** One cancellation of tickets of the purchase. */
    public record CancellationView(UUID id, List<UUID> ticketIds, int packagesReturned, BigDecimal refundAmount,
            String kind, String reason, UUID createdBy, Instant createdAt) {

        public static CancellationView of(Cancellation cancellation) {
            return new CancellationView(cancellation.id(), cancellation.ticketIds(), cancellation.packagesReturned(),
                    cancellation.refundAmount(), cancellation.kind(), cancellation.reason(), cancellation.createdBy(),
                    cancellation.createdAt());
        }
    }
}
