package org.fundrbolt.tickets.media.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.media.domain.PackageSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The packages media-service knows from {@code catalog.packages}, and each package's image event sequence. */
@ApplicationScoped
public class PackageRepository {

    /** Whether the package exists, is not deleted and belongs to the event. */
    public Uni<Boolean> isLive(SqlClient client, UUID packageId, UUID eventId) {
        return client
                .preparedQuery("SELECT 1 FROM known_packages WHERE package_id = $1 AND event_id = $2 AND NOT deleted")
                .execute(Tuple.of(packageId, eventId)).map(rows -> rows.size() > 0);
    }

    /** Like {@link #isLive}, and locks the row so that image changes and a package deletion are serialised. */
    public Uni<Boolean> lockLive(SqlConnection connection, UUID packageId, UUID eventId) {
        return connection.preparedQuery("SELECT 1 FROM known_packages WHERE package_id = $1 AND event_id = $2"
                + " AND NOT deleted FOR UPDATE")
                .execute(Tuple.of(packageId, eventId)).map(rows -> rows.size() > 0);
    }

    /** The next version of the package's media.images events; never reused, also across delete and re-upload. */
    public Uni<Long> nextImageVersion(SqlConnection connection, UUID packageId) {
        return connection
                .preparedQuery("UPDATE known_packages SET image_version = image_version + 1, updated_at = now()"
                        + " WHERE package_id = $1 RETURNING image_version")
                .execute(Tuple.of(packageId)).map(rows -> rows.iterator().next().getLong("image_version"));
    }

    /**
     * Records a snapshot unless a newer (or the same) version is already known, so duplicates and
     * late arrivals change nothing. Answers whether this snapshot was applied and says the package is deleted.
     */
    public Uni<Boolean> apply(SqlConnection connection, PackageSnapshot snapshot) {
        return connection.preparedQuery("INSERT INTO known_packages (package_id, event_id, deleted, catalog_version)"
                + " VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT ON CONSTRAINT pk_known_packages DO UPDATE SET event_id = EXCLUDED.event_id,"
                + " deleted = EXCLUDED.deleted, catalog_version = EXCLUDED.catalog_version, updated_at = now()"
                + " WHERE known_packages.catalog_version < EXCLUDED.catalog_version"
                + " RETURNING deleted")
                .execute(Tuple.of(snapshot.packageId(), snapshot.eventId(), snapshot.isDeleted(), snapshot.version()))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("deleted"));
    }
}
