package org.fundrbolt.tickets.catalog.service;

import java.util.List;

/** The fields of a custom option, as a create or PATCH body carries them. */
public record OptionFields(String label, String optionType, List<String> choices, Boolean isRequired,
        Integer displayOrder, Integer maxLength) {
}
