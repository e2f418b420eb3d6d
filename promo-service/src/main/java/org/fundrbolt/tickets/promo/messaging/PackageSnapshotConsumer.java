package org.fundrbolt.tickets.promo.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.promo.domain.KnownPackage;
import org.fundrbolt.tickets.promo.domain.Money;
import org.fundrbolt.tickets.promo.repository.KnownPackageRepository;
import org.fundrbolt.tickets.promo.service.KnownPackageCache;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps {@code known_packages} in step with {@code catalog.packages}. Applying a snapshot only when its
 * version is newer makes replays and reordering harmless; the offset is acknowledged after the write.
 */
@ApplicationScoped
public class PackageSnapshotConsumer {

    private final Pool pool;
    private final KnownPackageRepository packages;
    private final KnownPackageCache cache;

    public PackageSnapshotConsumer(Pool pool, KnownPackageRepository packages, KnownPackageCache cache) {
        this.pool = pool;
        this.packages = packages;
        this.cache = cache;
    }

    @Incoming("catalog-packages")
    public Uni<Void> onSnapshot(String json) {
        return Uni.createFrom().item(() -> EventJson.read(json, PackageSnapshot.class)).chain(this::apply);
    }

    private Uni<Void> apply(PackageSnapshot snapshot) {
        if (snapshot.eventType() != null && !"package_snapshot".equals(snapshot.eventType())) {
            return Uni.createFrom().voidItem();
        }
        if (snapshot.packageId() == null || snapshot.eventId() == null || snapshot.version() == null) {
            throw new IllegalArgumentException("A package snapshot needs package_id, event_id and version");
        }
        boolean deleted = Boolean.TRUE.equals(snapshot.deleted());
        KnownPackage known = new KnownPackage(snapshot.packageId(), snapshot.eventId(),
                snapshot.price() == null ? null : Money.cents(snapshot.price()), deleted, snapshot.version());
        return packages.upsertIfNewer(pool, known).invoke(() -> cache.forget(known.packageId())).replaceWithVoid();
    }
}
