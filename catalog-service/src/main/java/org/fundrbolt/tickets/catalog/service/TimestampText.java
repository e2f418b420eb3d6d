package org.fundrbolt.tickets.catalog.service;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads a timestamp only from a JSON string (any ISO-8601 offset): Jackson's own reader takes a number as epoch
 * seconds, but API.md calls a number where a timestamp belongs a wrong type (400 malformed_json). The platform's
 * JsonConfig is the better home for this once every service wants it.
 */
public final class TimestampText extends StdDeserializer<Instant> {

    public TimestampText() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
