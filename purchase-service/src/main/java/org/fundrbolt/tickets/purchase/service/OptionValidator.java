package org.fundrbolt.tickets.purchase.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.purchase.domain.Answer;
import org.fundrbolt.tickets.purchase.domain.OptionDefinition;
import org.fundrbolt.tickets.purchase.domain.PurchaseOrder.OptionAnswer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a donor's answers against the package's custom questions (API.md, Checkout): one answer per
 * option, every required option answered, each value of its option's type and within its choices.
 */
@ApplicationScoped
public class OptionValidator {

    /** The checked answers in the options' display order, each with its option's label and type. */
    public List<Answer> validate(List<OptionDefinition> options, List<OptionAnswer> answers) {
        return validate(options, answers, true);
    }

    /**
     * As {@link #validate(List, List)}; with {@code requireAll} false a required option may stay unanswered (a
     * coordinator order, API.md "Order lifecycle"), while every answer given is checked as strictly.
     */
    public List<Answer> validate(List<OptionDefinition> options, List<OptionAnswer> answers, boolean requireAll) {
        Map<UUID, OptionDefinition> byId = new HashMap<>();
        options.forEach(option -> byId.put(option.id(), option));
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> answered = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            OptionAnswer answer = answers.get(i);
            String field = "option_responses[" + i + "]";
            if (answer == null) {
                errors.add(new FieldError(field, "each answer is an object with option_id and value"));
                continue;
            }
            if (answer.optionId() == null) {
                errors.add(new FieldError(field + ".option_id", "option_id is required"));
                continue;
            }
            if (!answered.add(answer.optionId())) {
                errors.add(new FieldError(field + ".option_id", "option " + answer.optionId() + " is answered twice"));
                continue;
            }
            OptionDefinition option = byId.get(answer.optionId());
            if (option == null) {
                errors.add(new FieldError(field + ".option_id", "this package has no option " + answer.optionId()));
                continue;
            }
            String problem = checkValue(option, answer.value());
            if (problem != null) {
                errors.add(new FieldError(field + ".value", problem));
            }
        }
        for (OptionDefinition option : options) {
            if (requireAll && option.isRequired() && !answered.contains(option.id())) {
                errors.add(new FieldError("option_responses", "'" + option.label() + "' is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(422, "invalid_option_response",
                    "Some answers to the package's questions are missing or invalid; see errors.", errors, Map.of());
        }
        return answers.stream()
                .sorted(Comparator.comparingInt(answer -> byId.get(answer.optionId()).displayOrder()))
                .map(answer -> {
                    OptionDefinition option = byId.get(answer.optionId());
                    return new Answer(option.id(), option.label(), option.optionType(), answer.value());
                }).toList();
    }

    private static String checkValue(OptionDefinition option, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "'" + option.label() + "' needs a value";
        }
        List<String> choices = option.choices() == null ? List.of() : option.choices();
        switch (option.optionType()) {
            case "boolean" :
                return value.isBoolean() ? null : "'" + option.label() + "' must be true or false";
            case "single_select" :
                if (!value.isTextual()) {
                    return "'" + option.label() + "' must be one of the choices, as a string";
                }
                return choices.contains(value.asText())
                        ? null
                        : "'" + value.asText() + "' is not a choice of '" + option.label() + "'";
            case "multi_select" :
                if (!value.isArray()) {
                    return "'" + option.label() + "' must be an array of choices";
                }
                Set<String> seen = new HashSet<>();
                for (JsonNode element : value) {
                    if (!element.isTextual() || !choices.contains(element.asText())) {
                        return "'" + element + "' is not a choice of '" + option.label() + "'";
                    }
                    if (!seen.add(element.asText())) {
                        return "'" + element.asText() + "' is chosen twice";
                    }
                }
                if (option.isRequired() && seen.isEmpty()) {
                    return "'" + option.label() + "' needs at least one choice";
                }
                return null;
            case "text_input" :
                if (!value.isTextual()) {
                    return "'" + option.label() + "' must be text";
                }
                int max = option.maxLength() == null ? 500 : option.maxLength();
                if (value.asText().codePointCount(0, value.asText().length()) > max) {
                    return "'" + option.label() + "' is longer than " + max + " characters";
                }
                if (!org.fundrbolt.tickets.platform.text.Text.storable(value.asText())) {
                    return "'" + option.label() + "' must not contain control characters";
                }
                if (option.isRequired() && value.asText().isBlank()) {
                    return "'" + option.label() + "' is required";
                }
                return null;
            default :
                return "'" + option.label() + "' has an unknown type";
        }
    }
}
