package org.fundrbolt.tickets.media.domain;

import java.util.UUID;

/**
 * The part of catalog-service's {@code catalog.packages} snapshot that media-service needs; every other
 * field of the snapshot is ignored, so the producer may grow its schema freely.
 */
public record PackageSnapshot(UUID messageId, String eventType, UUID packageId, UUID eventId, Long version,
        Boolean deleted) {

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }
}
