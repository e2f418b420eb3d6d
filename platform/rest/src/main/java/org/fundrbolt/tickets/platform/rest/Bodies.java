package org.fundrbolt.tickets.platform.rest;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request-body plumbing: a missing body, and PATCH bodies whose present fields matter as much as their values. */
@ApplicationScoped
public class Bodies {

    private final ObjectMapper mapper;

    public Bodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static <T> T required(T body) {
        if (body == null) {
            throw new DomainException(400, "malformed_json", "A JSON object body is required.");
        }
        return body;
    }

    /** Reads with the strict mapper (unknown fields and wrong types are 400) and remembers which fields were sent. */
    public <T> Patch<T> patch(JsonNode body, Class<T> type) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw new DomainException(400, "malformed_json", "A JSON object body is required.");
        }
        Set<String> fields = new HashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        return new Patch<>(mapper.treeToValue(body, type), fields);
    }
}
