package org.fundrbolt.tickets.promo.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;
import org.fundrbolt.tickets.promo.domain.KnownPackage;
import org.fundrbolt.tickets.promo.domain.Money;
import org.fundrbolt.tickets.promo.domain.PriceTier;
import org.fundrbolt.tickets.promo.repository.KnownPackageRepository;
import org.fundrbolt.tickets.promo.service.KnownPackageCache;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps {@code known_packages} (event, price, price tiers) in step with {@code catalog.packages}. Applying a snapshot only when its
 * version is newer makes replays and reordering harmless; the offset is acknowledged after the write, and
 * a database failure is retried in place.
 */
@ApplicationScoped
public class PackageSnapshotConsumer {

    private static final String CHANNEL = "catalog-packages";

    private final Pool pool;
    private final KnownPackageRepository packages;
    private final KnownPackageCache cache;
    private final ConsumerPolicy policy;

    public PackageSnapshotConsumer(Pool pool, KnownPackageRepository packages, KnownPackageCache cache,
            ConsumerPolicy policy) {
        this.pool = pool;
        this.packages = packages;
        this.cache = cache;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onSnapshot(String json) {
        if (json == null) {
            return Uni.createFrom().voidItem(); // a tombstone of the compacted topic: the deleted snapshot did the work
        }
        return policy.apply(CHANNEL, () -> apply(EventJson.read(json, PackageSnapshot.class)));
    }

    private Uni<Void> apply(PackageSnapshot snapshot) {
        if (snapshot.eventType() != null && !"package_snapshot".equals(snapshot.eventType())) {
            return Uni.createFrom().voidItem();
        }
        EventJson.require(snapshot.packageId() != null && snapshot.eventId() != null && snapshot.version() != null,
                "A package snapshot needs package_id, event_id and version");
        List<PriceTier> tiers = snapshot.priceTiers() == null ? List.of() : snapshot.priceTiers();
        EventJson.require(
                tiers.stream().allMatch(tier -> tier != null && tier.price() != null && tier.endsAt() != null),
                "A package snapshot's price tiers need a price and ends_at");
        boolean deleted = Boolean.TRUE.equals(snapshot.deleted());
        KnownPackage known = new KnownPackage(snapshot.packageId(), snapshot.eventId(),
                snapshot.price() == null ? null : Money.cents(snapshot.price()),
                tiers.stream().map(tier -> new PriceTier(tier.label(), Money.cents(tier.price()), tier.endsAt()))
                        .toList(),
                deleted, snapshot.version());
        return packages.upsertIfNewer(pool, known).invoke(() -> cache.forget(known.packageId())).replaceWithVoid();
    }
}
