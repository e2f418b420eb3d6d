package org.fundrbolt.tickets.promo.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.domain.KnownPackage;
import org.fundrbolt.tickets.promo.repository.KnownPackageRepository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The packages that validate prices and scopes against, kept in memory for one second: a popular code's
 * validations then share one read of {@code known_packages} instead of one each. A change to a package has
 * to be effective at promo validation within 2 s (API.md), and this replica drops an entry as soon as it
 * applies a newer snapshot. Redeem never uses it: a use is decided on the database alone. Unknown packages
 * are not cached.
 */
@ApplicationScoped
public class KnownPackageCache {

    private final Pool pool;
    private final KnownPackageRepository packages;
    private final Cache<UUID, KnownPackage> entries = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1))
            .maximumSize(10_000).build();

    public KnownPackageCache(Pool pool, KnownPackageRepository packages) {
        this.pool = pool;
        this.packages = packages;
    }

    public Uni<KnownPackage> find(UUID packageId) {
        KnownPackage cached = entries.getIfPresent(packageId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return packages.find(pool, packageId).invoke(found -> {
            if (found != null) {
                entries.put(packageId, found);
            }
        });
    }

    public void forget(UUID packageId) {
        entries.invalidate(packageId);
    }
}
