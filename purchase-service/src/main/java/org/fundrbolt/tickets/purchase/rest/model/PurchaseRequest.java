package org.fundrbolt.tickets.purchase.rest.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.domain.PurchaseOrder;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /api/v1/events/{event_id}/tickets/purchase}. */
public record PurchaseRequest(UUID packageId, Integer quantity, String promoCode, List<OptionAnswer> optionResponses,
        BigDecimal donationAmount, String email) {

    /** One answer to a custom question; its JSON type depends on the option type. */
    public record OptionAnswer(UUID optionId, JsonNode value) {
    }

    /** The order as sent; a null answer stays null, for the checks to name it. */
    public PurchaseOrder order() {
        List<OptionAnswer> answers = optionResponses == null ? List.of() : optionResponses;
        return new PurchaseOrder(packageId, quantity, promoCode, answers.stream()
                .map(answer -> answer == null
                        ? null
                        : new PurchaseOrder.OptionAnswer(answer.optionId(), answer.value()))
                .toList(), donationAmount, email, null);
    }
}
