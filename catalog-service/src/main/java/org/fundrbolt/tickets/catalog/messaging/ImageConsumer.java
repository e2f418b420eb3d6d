package org.fundrbolt.tickets.catalog.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.catalog.repository.PackageRepository;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Applies {@code media.images}: the newest image version wins; the package {@code version} never moves.
 * A database failure is retried in place; an unreadable record goes to {@code media.images.dlq}.
 */
@ApplicationScoped
public class ImageConsumer {

    private static final String CHANNEL = "media-images";

    /** A media.images event. */
    public record ImageEvent(UUID messageId, UUID packageId, UUID eventId, String imageUrl, long version) {
    }

    private final Pool pool;
    private final PackageRepository packages;
    private final ConsumerPolicy policy;

    public ImageConsumer(Pool pool, PackageRepository packages, ConsumerPolicy policy) {
        this.pool = pool;
        this.packages = packages;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String record) {
        return policy.apply(CHANNEL, () -> {
            ImageEvent image = EventJson.read(record, ImageEvent.class);
            EventJson.require(image.packageId() != null, "A media.images event needs package_id");
            return packages.applyImage(pool, image.packageId(), image.imageUrl(), image.version()).replaceWithVoid();
        });
    }
}
