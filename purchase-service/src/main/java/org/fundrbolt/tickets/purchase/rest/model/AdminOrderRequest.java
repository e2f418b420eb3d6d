package org.fundrbolt.tickets.purchase.rest.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.domain.PurchaseOrder;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseRequest.OptionAnswer;

/** Body of a coordinator order, {@code POST /api/v1/admin/events/{event_id}/tickets/purchases} (API.md). */
public record AdminOrderRequest(UUID packageId, Integer quantity, String payment, BigDecimal unitPrice, UUID donorId,
        String email, String name, List<OptionAnswer> optionResponses, String note) {

    /** The order as sent; a null answer stays null, for the checks to name it. */
    public PurchaseOrder order() {
        List<OptionAnswer> answers = optionResponses == null ? List.of() : optionResponses;
        return new PurchaseOrder(packageId, quantity, null, answers.stream()
                .map(answer -> answer == null
                        ? null
                        : new PurchaseOrder.OptionAnswer(answer.optionId(), answer.value()))
                .toList(), null, email, new PurchaseOrder.AdminTerms(payment, unitPrice, donorId, name, note));
    }
}
