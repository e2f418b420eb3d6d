package org.fundrbolt.tickets.media.domain;

import java.util.UUID;

/** The current image of a package: its blob, public URL and the version of the media.images event that announced it. */
public record StoredImage(UUID packageId, UUID eventId, String blobName, String contentType, String imageUrl,
        String etag, long size, long version) {
}
