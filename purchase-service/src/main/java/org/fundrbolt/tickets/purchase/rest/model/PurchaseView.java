package org.fundrbolt.tickets.purchase.rest.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.domain.Answer;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.Ticket;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code Purchase} of API.md. */
public record PurchaseView(UUID id, UUID eventId, UUID packageId, UUID donorId, int quantity, BigDecimal unitPrice,
        BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice, String promoCode,
        BigDecimal taxDeductibleAmount, List<OptionResponseView> optionResponses, List<TicketView> tickets,
        Instant createdAt) {

    public static PurchaseView of(Purchase purchase) {
        return new PurchaseView(purchase.id(), purchase.eventId(), purchase.packageId(), purchase.donorId(),
                purchase.quantity(), purchase.unitPrice(), purchase.basePrice(), purchase.discountAmount(),
                purchase.totalPrice(), purchase.promoCode(), purchase.taxDeductibleAmount(),
                purchase.answers().stream().map(OptionResponseView::of).toList(),
                purchase.tickets().stream().map(TicketView::of).toList(), purchase.createdAt());
    }

    /** An answer as stored with the purchase. */
    public record OptionResponseView(UUID optionId, String label, JsonNode value) {

        static OptionResponseView of(Answer answer) {
            return new OptionResponseView(answer.optionId(), answer.label(), answer.value());
        }
    }

    /** One ticket (seat) of the purchase. */
    public record TicketView(UUID id, String ticketNumber, String qrCode, String guestName, String guestEmail,
            Instant checkedInAt) {

        public static TicketView of(Ticket ticket) {
            return new TicketView(ticket.id(), ticket.ticketNumber(), ticket.qrCode(), ticket.guestName(),
                    ticket.guestEmail(), ticket.checkedInAt());
        }
    }
}
