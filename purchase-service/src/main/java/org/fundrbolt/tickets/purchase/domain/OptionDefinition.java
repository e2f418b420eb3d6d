package org.fundrbolt.tickets.purchase.domain;

import java.util.List;
import java.util.UUID;

/** A custom question of a package, as carried by the catalog snapshot. */
public record OptionDefinition(UUID id, String label, String optionType, List<String> choices, boolean isRequired,
        int displayOrder, Integer maxLength) {
}
