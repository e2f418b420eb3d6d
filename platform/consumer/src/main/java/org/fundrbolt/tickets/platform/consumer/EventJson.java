package org.fundrbolt.tickets.platform.consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The reader of other services' events: snake_case like the API, exact decimals, but tolerant of fields
 * added later (unlike the strict REST mapper), so a producer can grow its events without breaking anyone.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }

    /** Parses an event; one that cannot be read is an {@link UnreadableMessage}, bound for the DLQ. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new UnreadableMessage("An empty " + type.getSimpleName() + " record");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (Exception unreadable) {
            throw new UnreadableMessage("Unreadable " + type.getSimpleName() + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    /** Fails as unreadable unless the event carries what the consumer needs. */
    public static void require(boolean present, String what) {
        if (!present) {
            throw new UnreadableMessage(what);
        }
    }
}
