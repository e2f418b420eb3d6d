package org.fundrbolt.tickets.media.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.media.domain.PackageSnapshot;
import org.fundrbolt.tickets.media.service.PackageImageService;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.smallrye.mutiny.Uni;

/**
 * Learns packages from catalog-service's {@code catalog.packages} snapshots; a deleted package loses its
 * image. The offset is acknowledged only after the transaction commits; a message that cannot be
 * understood goes to {@code catalog.packages.dlq} instead of stopping the partition.
 */
@ApplicationScoped
public class CatalogPackagesConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogPackagesConsumer.class);
    // Not the REST mapper: that one refuses unknown fields, while a snapshot carries many we do not need.
    private static final ObjectMapper SNAPSHOTS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final PackageImageService images;

    public CatalogPackagesConsumer(PackageImageService images) {
        this.images = images;
    }

    @Incoming("catalog-packages")
    public Uni<Void> consume(String payload) throws JsonProcessingException {
        if (payload == null) {
            // A tombstone of the compacted topic: the deleted snapshot before it already did the work.
            return Uni.createFrom().voidItem();
        }
        PackageSnapshot snapshot = SNAPSHOTS.readValue(payload, PackageSnapshot.class);
        if (snapshot.eventType() != null && !"package_snapshot".equals(snapshot.eventType())) {
            LOG.debugf("Ignoring %s on catalog.packages", snapshot.eventType());
            return Uni.createFrom().voidItem();
        }
        if (snapshot.packageId() == null || snapshot.eventId() == null || snapshot.version() == null) {
            throw new IllegalArgumentException("A package snapshot needs package_id, event_id and version");
        }
        return images.applySnapshot(snapshot);
    }
}
