package org.fundrbolt.tickets.promo.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The reader of other services' events: snake_case like the API, but tolerant of fields added later,
 * unlike the strict REST mapper.
 */
final class EventJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }

    /** Parses an event; an unreadable one fails the message, which then goes to the dead-letter topic. */
    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (Exception unreadable) {
            throw new IllegalArgumentException("Unreadable " + type.getSimpleName() + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }
}
