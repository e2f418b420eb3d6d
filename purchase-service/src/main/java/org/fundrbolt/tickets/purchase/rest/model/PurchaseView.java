package org.fundrbolt.tickets.purchase.rest.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code Purchase} of API.md. */
public record PurchaseView(UUID id, UUID eventId, UUID packageId, UUID donorId, int quantity, BigDecimal unitPrice,
        BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice, String promoCode,
        BigDecimal taxDeductibleAmount, List<OptionResponseView> optionResponses, List<TicketView> tickets,
        Instant createdAt) {

    /** An answer as stored with the purchase. */
    public record OptionResponseView(UUID optionId, String label, JsonNode value) {
    }

    /** One ticket (seat) of the purchase. */
    public record TicketView(UUID id, String ticketNumber, String qrCode, String guestName, String guestEmail,
            Instant checkedInAt) {
    }
}
