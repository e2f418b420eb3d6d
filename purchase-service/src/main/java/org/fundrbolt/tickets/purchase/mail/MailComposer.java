package org.fundrbolt.tickets.purchase.mail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fundrbolt.tickets.purchase.domain.Cancellation;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.Ticket;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries.NamedPurchase;
import org.fundrbolt.tickets.purchase.service.DocumentRenderer;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;

/**
 * Turns a queued mail into a message (API.md, "Tickets by email"): HTML with a plain-text alternative from Qute
 * templates, one inline QR image per ticket, the (corrected) receipt attached, no tracking of any kind.
 * CPU-bound (QR codes, PDF): callers run it on a worker thread.
 */
@ApplicationScoped
public class MailComposer {

    /** The largest number of QR images one confirmation carries inline; the others are in the donor's account. */
    static final int MAX_INLINE_CODES = 100;

    /** What a mail was about is gone: sending it again would not help. */
    public static final class Unsendable extends RuntimeException {

        public Unsendable(String message) {
            super(message);
        }
    }

    @TemplateData
    public record TicketLine(String number, String guest, String cid) {
    }

    @TemplateData
    public record Confirmation(String name, String packageName, int quantity, String basePrice, boolean discounted,
            String discount, String promoCode, boolean donated, String donation, String total, String deductible,
            List<TicketLine> tickets, int moreTickets) {
    }

    @TemplateData
    public record OneTicket(String guest, String number, String packageName, String cid) {
    }

    @TemplateData
    public record Notice(boolean release, int count, String reason, String refund, List<String> numbers,
            String deductible, String packageName) {
    }

    private final Template confirmationHtml;
    private final Template confirmationText;
    private final Template ticketHtml;
    private final Template ticketText;
    private final Template cancellationHtml;
    private final Template cancellationText;
    private final DocumentRenderer documents;
    private final String currency;
    private final Optional<String> replyTo;
    private final String messageIdDomain;

    public MailComposer(@Location("mail/confirmation.html") Template confirmationHtml,
            @Location("mail/confirmation.txt") Template confirmationText,
            @Location("mail/ticket.html") Template ticketHtml, @Location("mail/ticket.txt") Template ticketText,
            @Location("mail/cancellation.html") Template cancellationHtml,
            @Location("mail/cancellation.txt") Template cancellationText, DocumentRenderer documents,
            @ConfigProperty(name = "purchase.currency", defaultValue = "USD") String currency,
            org.fundrbolt.tickets.purchase.config.PurchaseConfig config) {
        Optional<String> replyTo = config.mail().replyTo();
        String messageIdDomain = config.mail().messageIdDomain();
        this.confirmationHtml = confirmationHtml;
        this.confirmationText = confirmationText;
        this.ticketHtml = ticketHtml;
        this.ticketText = ticketText;
        this.cancellationHtml = cancellationHtml;
        this.cancellationText = cancellationText;
        this.documents = documents;
        this.currency = currency;
        this.replyTo = replyTo;
        this.messageIdDomain = messageIdDomain;
    }

    /** The message of {@code mail}, about {@code named} as it is now. */
    public io.quarkus.mailer.Mail compose(Mail mail, NamedPurchase named) {
        Purchase purchase = named.purchase();
        io.quarkus.mailer.Mail message = switch (mail.kind()) {
            case Mail.CONFIRMATION -> confirmation(purchase, named.packageName());
            case Mail.CANCELLATION -> cancellation(mail, purchase, named);
            default -> ticket(mail, purchase, named.packageName());
        };
        message.addTo(mail.to()).addHeader("Message-ID", mail.messageId(messageIdDomain))
                .addHeader("Auto-Submitted", "auto-generated");
        replyTo.filter(address -> !address.isBlank()).ifPresent(message::setReplyTo);
        return message;
    }

    private io.quarkus.mailer.Mail confirmation(Purchase purchase, String packageName) {
        List<TicketLine> lines = new ArrayList<>();
        List<Ticket> tickets = purchase.tickets().stream().filter(ticket -> !ticket.cancelled()).toList();
        List<byte[]> codes = new ArrayList<>();
        for (Ticket ticket : tickets) {
            boolean inline = lines.size() < MAX_INLINE_CODES;
            String cid = inline ? "qr-" + ticket.ticketNumber() + "@fundrbolt" : null;
            if (inline) {
                codes.add(documents.qrPng(ticket.qrCode()));
            }
            lines.add(new TicketLine(ticket.ticketNumber(), ticket.guestName(), cid));
        }
        List<TicketLine> shown = lines.subList(0, Math.min(lines.size(), MAX_INLINE_CODES));
        BigDecimal discount = purchase.discountAmount();
        Confirmation model = new Confirmation(purchase.terms().buyerName(), packageName, purchase.quantity(),
                money(purchase.basePrice()), discount.signum() > 0, money(discount), purchase.promoCode(),
                purchase.donationAmount().signum() > 0, money(purchase.donationAmount()), money(purchase.totalPrice()),
                purchase.taxDeductibleAmount() == null ? null : money(purchase.taxDeductibleAmount()), shown,
                lines.size() - shown.size());
        io.quarkus.mailer.Mail message = new io.quarkus.mailer.Mail()
                .setSubject("Your tickets: " + purchase.quantity() + " × " + packageName)
                .setHtml(confirmationHtml.data("m", model).render())
                .setText(confirmationText.data("m", model).render());
        for (int i = 0; i < shown.size(); i++) {
            message.addInlineAttachment("ticket-" + shown.get(i).number() + ".png", codes.get(i), "image/png",
                    "<" + shown.get(i).cid() + ">");
        }
        return message.addAttachment("receipt-" + purchase.id() + ".pdf",
                documents.receiptPdf(purchase, packageName, currency), "application/pdf");
    }

    private io.quarkus.mailer.Mail ticket(Mail mail, Purchase purchase, String packageName) {
        Ticket ticket = purchase.tickets().stream().filter(candidate -> candidate.id().equals(mail.ticketId()))
                .findFirst().orElseThrow(() -> new Unsendable("ticket " + mail.ticketId() + " is gone"));
        String cid = "qr-" + ticket.ticketNumber() + "@fundrbolt";
        OneTicket model = new OneTicket(ticket.guestName(), ticket.ticketNumber(), packageName, cid);
        return new io.quarkus.mailer.Mail().setSubject("Your ticket " + ticket.ticketNumber() + ": " + packageName)
                .setHtml(ticketHtml.data("m", model).render()).setText(ticketText.data("m", model).render())
                .addInlineAttachment("ticket-" + ticket.ticketNumber() + ".png", documents.qrPng(ticket.qrCode()),
                        "image/png", "<" + cid + ">");
    }

    private io.quarkus.mailer.Mail cancellation(Mail mail, Purchase purchase, NamedPurchase named) {
        Cancellation cancellation = purchase.cancellations().stream()
                .filter(candidate -> candidate.id().equals(mail.cancellationId())).findFirst()
                .orElseThrow(() -> new Unsendable("cancellation " + mail.cancellationId() + " is gone"));
        List<String> numbers = purchase.tickets().stream()
                .filter(ticket -> cancellation.ticketIds().contains(ticket.id())).map(Ticket::ticketNumber).toList();
        boolean release = Cancellation.RELEASE.equals(cancellation.kind());
        Notice model = new Notice(release, cancellation.ticketIds().size(), cancellation.reason(),
                money(cancellation.refundAmount()), numbers,
                purchase.taxDeductibleAmount() == null ? null : money(purchase.taxDeductibleAmount()),
                named.packageName());
        return new io.quarkus.mailer.Mail()
                .setSubject((release ? "Seats given back: " : "Tickets cancelled: ") + named.packageName())
                .setHtml(cancellationHtml.data("m", model).render())
                .setText(cancellationText.data("m", model).render())
                .addAttachment("corrected-receipt-" + purchase.id() + ".pdf",
                        documents.receiptPdf(purchase, named.packageName(), currency), "application/pdf");
    }

    private String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }
}
