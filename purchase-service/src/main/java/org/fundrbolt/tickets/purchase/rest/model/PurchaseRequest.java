package org.fundrbolt.tickets.purchase.rest.model;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /api/v1/events/{event_id}/tickets/purchase}. */
public record PurchaseRequest(UUID packageId, Integer quantity, String promoCode, List<OptionAnswer> optionResponses) {

    /** One answer to a custom question; its JSON type depends on the option type. */
    public record OptionAnswer(UUID optionId, JsonNode value) {
    }

    public List<OptionAnswer> answers() {
        return optionResponses == null ? List.of() : optionResponses;
    }
}
