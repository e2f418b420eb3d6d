package org.fundrbolt.tickets.promo.repository;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.domain.KnownPackage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query of {@code known_packages}, the local copy of the catalog's packages. */
@ApplicationScoped
public class KnownPackageRepository {

    /** Applies a snapshot only when it is newer than what is stored, so replays and reordering change nothing. */
    public Uni<Boolean> upsertIfNewer(SqlClient client, KnownPackage snapshot) {
        return client.preparedQuery("INSERT INTO known_packages (package_id, event_id, price, deleted, version) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (package_id) DO UPDATE SET event_id = EXCLUDED.event_id, "
                + "price = EXCLUDED.price, deleted = EXCLUDED.deleted, version = EXCLUDED.version, updated_at = now() "
                + "WHERE known_packages.version < EXCLUDED.version")
                .execute(Tuple.from(new Object[]{snapshot.packageId(), snapshot.eventId(), snapshot.price(),
                        snapshot.deleted(), snapshot.version()}))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<KnownPackage> find(SqlClient client, UUID packageId) {
        return client.preparedQuery("SELECT * FROM known_packages WHERE package_id = $1").execute(Tuple.of(packageId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new KnownPackage(row.getUUID("package_id"), row.getUUID("event_id"),
                            row.getBigDecimal("price"), row.getBoolean("deleted"), row.getLong("version"));
                });
    }

    /** The ids among {@code packageIds} that are live packages of the event. */
    public Uni<Set<UUID>> livePackagesOf(SqlClient client, UUID eventId, List<UUID> packageIds) {
        if (packageIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("SELECT package_id FROM known_packages "
                + "WHERE event_id = $1 AND NOT deleted AND package_id = ANY($2)")
                .execute(Tuple.of(eventId, packageIds.toArray(new UUID[0]))).map(rows -> {
                    Set<UUID> found = new HashSet<>();
                    for (Row row : rows) {
                        found.add(row.getUUID("package_id"));
                    }
                    return found;
                });
    }
}
