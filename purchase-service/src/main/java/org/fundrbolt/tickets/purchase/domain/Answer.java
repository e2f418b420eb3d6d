package org.fundrbolt.tickets.purchase.domain;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A donor's answer to one custom question, stored with the purchase under the question's label and type. */
public record Answer(UUID optionId, String label, String optionType, JsonNode value) {
}
