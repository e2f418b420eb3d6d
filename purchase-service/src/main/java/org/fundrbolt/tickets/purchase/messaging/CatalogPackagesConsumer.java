package org.fundrbolt.tickets.purchase.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;
import org.fundrbolt.tickets.purchase.domain.PackageSnapshot;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository;

import io.smallrye.mutiny.Uni;

/**
 * Keeps the inventory in step with the catalog (catalog.packages): idempotent and order-tolerant,
 * since a snapshot only applies over an older catalog version. The offset is committed after the
 * row is written; a database failure is retried in place (a lost disable or price would keep selling
 * the old way), and only a message that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class CatalogPackagesConsumer {

    private static final String CHANNEL = "catalog-packages";

    private final InventoryRepository inventory;
    private final ConsumerPolicy policy;

    public CatalogPackagesConsumer(InventoryRepository inventory, ConsumerPolicy policy) {
        this.inventory = inventory;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        if (payload == null) {
            return Uni.createFrom().voidItem(); // a tombstone of the compacted topic: the deleted snapshot did the work
        }
        return policy.apply(CHANNEL, () -> inventory.apply(read(payload)));
    }

    private static PackageSnapshot read(String payload) {
        PackageSnapshot snapshot = EventJson.read(payload, PackageSnapshot.class);
        EventJson.require(snapshot.packageId() != null && snapshot.eventId() != null,
                "A package snapshot needs package_id and event_id");
        return snapshot;
    }
}
