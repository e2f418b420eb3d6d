package org.fundrbolt.tickets.purchase.service;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.InventoryItem;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository;

import io.smallrye.mutiny.Uni;

/**
 * The package definitions checkout validates against (price, questions, event), kept for one second:
 * a hot package's buyers then share one read instead of one each. Safe because the sale's own
 * transaction re-checks what must be exact (enabled, not deleted, stock), and a change to a package
 * only has to be effective at checkout within 2 s (API.md). Missing packages are never cached.
 */
@ApplicationScoped
public class InventoryCache {

    private static final long FRESH_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(InventoryItem item, long loadedAt) {
    }

    private final InventoryRepository inventory;
    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();

    public InventoryCache(InventoryRepository inventory) {
        this.inventory = inventory;
    }

    public Uni<Optional<InventoryItem>> find(UUID packageId) {
        Entry entry = entries.get(packageId);
        if (entry != null && System.nanoTime() - entry.loadedAt() < FRESH_NANOS) {
            return Uni.createFrom().item(Optional.of(entry.item()));
        }
        return inventory.find(packageId).invoke(found -> found.ifPresent(item -> {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(packageId, new Entry(item, System.nanoTime()));
        }));
    }
}
