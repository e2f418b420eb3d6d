package org.fundrbolt.tickets.catalog.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.catalog.repository.PackageRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Applies {@code media.images}: the newest image version wins; the package {@code version} never moves. */
@ApplicationScoped
public class ImageConsumer {

    private static final Logger LOG = Logger.getLogger(ImageConsumer.class);

    /** A media.images event. */
    public record ImageEvent(UUID messageId, UUID packageId, UUID eventId, String imageUrl, long version) {
    }

    private final Pool pool;
    private final PackageRepository packages;

    public ImageConsumer(Pool pool, PackageRepository packages) {
        this.pool = pool;
        this.packages = packages;
    }

    @Incoming("media-images")
    public Uni<Void> consume(String record) {
        ImageEvent image;
        try {
            image = SalesConsumer.EVENTS.readValue(record, ImageEvent.class);
        } catch (Exception e) {
            // Thrown so the failure strategy sends it to media.images.dlq.
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable media.images record", e));
        }
        if (image.packageId() == null) {
            LOG.warn("media.images record without package_id ignored");
            return Uni.createFrom().voidItem();
        }
        return packages.applyImage(pool, image.packageId(), image.imageUrl(), image.version()).replaceWithVoid();
    }
}
