package org.fundrbolt.tickets.promo.repository;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.domain.KnownPackage;
import org.fundrbolt.tickets.promo.domain.PriceTier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query of {@code known_packages}, the local copy of the catalog's packages. */
@ApplicationScoped
public class KnownPackageRepository {

    private static final TypeReference<List<PriceTier>> TIERS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public KnownPackageRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Applies a snapshot only when it is newer than what is stored, so replays and reordering change nothing. */
    public Uni<Boolean> upsertIfNewer(SqlClient client, KnownPackage snapshot) {
        return client.preparedQuery("INSERT INTO known_packages (package_id, event_id, price, price_tiers, deleted, "
                + "version) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6) ON CONFLICT (package_id) DO UPDATE SET "
                + "event_id = EXCLUDED.event_id, price = EXCLUDED.price, price_tiers = EXCLUDED.price_tiers, "
                + "deleted = EXCLUDED.deleted, version = EXCLUDED.version, updated_at = now() "
                + "WHERE known_packages.version < EXCLUDED.version")
                .execute(Tuple.from(new Object[]{snapshot.packageId(), snapshot.eventId(), snapshot.price(),
                        json(snapshot.priceTiers()), snapshot.deleted(), snapshot.version()}))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<KnownPackage> find(SqlClient client, UUID packageId) {
        // The tiers as text, read by Jackson: the SQL client's JSON decoding would turn their prices into doubles.
        return client.preparedQuery("SELECT package_id, event_id, price, price_tiers::text AS price_tiers, deleted, "
                + "version FROM known_packages WHERE package_id = $1").execute(Tuple.of(packageId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new KnownPackage(row.getUUID("package_id"), row.getUUID("event_id"),
                            row.getBigDecimal("price"), tiers(row.getString("price_tiers")), row.getBoolean("deleted"),
                            row.getLong("version"));
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

    private String json(List<PriceTier> tiers) {
        try {
            return mapper.writeValueAsString(tiers);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Price tiers that cannot be written as JSON", impossible);
        }
    }

    private List<PriceTier> tiers(String json) {
        try {
            return mapper.readValue(json, TIERS);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Unreadable price_tiers in known_packages: " + json, unreadable);
        }
    }
}
