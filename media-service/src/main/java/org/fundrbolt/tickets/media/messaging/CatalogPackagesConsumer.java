package org.fundrbolt.tickets.media.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.media.domain.PackageSnapshot;
import org.fundrbolt.tickets.media.service.PackageImageService;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Learns packages from catalog-service's {@code catalog.packages} snapshots; a deleted package loses its
 * image. The offset is acknowledged only after the transaction commits; a database failure is retried in
 * place, and only a message that cannot be understood goes to {@code catalog.packages.dlq}.
 */
@ApplicationScoped
public class CatalogPackagesConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogPackagesConsumer.class);
    private static final String CHANNEL = "catalog-packages";

    private final PackageImageService images;
    private final ConsumerPolicy policy;

    public CatalogPackagesConsumer(PackageImageService images, ConsumerPolicy policy) {
        this.images = images;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        if (payload == null) {
            // A tombstone of the compacted topic: the deleted snapshot before it already did the work.
            return Uni.createFrom().voidItem();
        }
        return policy.apply(CHANNEL, () -> {
            PackageSnapshot snapshot = EventJson.read(payload, PackageSnapshot.class);
            if (snapshot.eventType() != null && !"package_snapshot".equals(snapshot.eventType())) {
                LOG.debugf("Ignoring %s on catalog.packages", snapshot.eventType());
                return Uni.createFrom().voidItem();
            }
            EventJson.require(snapshot.packageId() != null && snapshot.eventId() != null && snapshot.version() != null,
                    "A package snapshot needs package_id, event_id and version");
            return images.applySnapshot(snapshot);
        });
    }
}
