package org.fundrbolt.tickets.purchase.domain;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** What a donor asks to buy, as sent and not yet checked (any field may be missing). */
public record PurchaseOrder(UUID packageId, Integer quantity, String promoCode, List<OptionAnswer> answers) {

    /** One answer to a custom question; its JSON type depends on the option type. */
    public record OptionAnswer(UUID optionId, JsonNode value) {
    }
}
