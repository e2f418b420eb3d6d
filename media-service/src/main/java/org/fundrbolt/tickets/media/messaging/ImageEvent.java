package org.fundrbolt.tickets.media.messaging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The {@code media.images} event: a package's image was attached ({@code image_url} set) or removed (null). */
public record ImageEvent(UUID messageId, UUID packageId, UUID eventId, String imageUrl, long version,
        String occurredAt) {

    public static final String TOPIC = "media.images";
    // Formatted here rather than by Jackson: the wire wants exactly three fraction digits, whatever the clock gives.
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** A new event, now, with a fresh message id. */
    public static ImageEvent of(UUID packageId, UUID eventId, String imageUrl, long version) {
        return new ImageEvent(UUID.randomUUID(), packageId, eventId, imageUrl, version, MILLIS.format(Instant.now()));
    }
}
