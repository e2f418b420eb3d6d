package org.fundrbolt.tickets.purchase.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.purchase.domain.PackageSnapshot;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Keeps the inventory in step with the catalog (catalog.packages): idempotent and order-tolerant,
 * since a snapshot only applies over an older catalog version. The offset is committed after the
 * row is written; a message that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class CatalogPackagesConsumer {

    private final InventoryRepository inventory;
    private final ObjectMapper events;

    public CatalogPackagesConsumer(InventoryRepository inventory, ObjectMapper mapper) {
        this.inventory = inventory;
        this.events = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Incoming("catalog-packages")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().item(() -> read(payload)).chain(inventory::apply);
    }

    private PackageSnapshot read(String payload) {
        try {
            PackageSnapshot snapshot = events.readValue(payload, PackageSnapshot.class);
            if (snapshot.packageId() == null || snapshot.eventId() == null) {
                throw new IllegalArgumentException("a package snapshot needs package_id and event_id");
            }
            return snapshot;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable package snapshot", e);
        }
    }
}
