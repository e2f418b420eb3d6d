package org.fundrbolt.tickets.media.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.media.domain.StoredImage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The current image record of each package. */
@ApplicationScoped
public class ImageRepository {

    private static final String COLUMNS = "package_id, event_id, blob_name, content_type, image_url, etag, size, version";

    public Uni<Optional<StoredImage>> find(SqlClient client, UUID packageId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM package_images WHERE package_id = $1")
                .execute(Tuple.of(packageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** The image stored under a blob name, if it is still a package's current image. */
    public Uni<Optional<StoredImage>> findByBlobName(SqlClient client, String blobName) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM package_images WHERE blob_name = $1")
                .execute(Tuple.of(blobName))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<Void> save(SqlConnection connection, StoredImage image) {
        return connection.preparedQuery("INSERT INTO package_images (" + COLUMNS + ")"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                + " ON CONFLICT ON CONSTRAINT pk_package_images DO UPDATE SET event_id = EXCLUDED.event_id,"
                + " blob_name = EXCLUDED.blob_name, content_type = EXCLUDED.content_type,"
                + " image_url = EXCLUDED.image_url, etag = EXCLUDED.etag, size = EXCLUDED.size,"
                + " version = EXCLUDED.version, updated_at = now()")
                .execute(Tuple.from(new Object[]{image.packageId(), image.eventId(), image.blobName(),
                        image.contentType(), image.imageUrl(), image.etag(), image.size(), image.version()}))
                .replaceWithVoid();
    }

    /** Removes the package's image record; answers the blob it pointed at, if there was one. */
    public Uni<Optional<String>> delete(SqlConnection connection, UUID packageId) {
        return connection.preparedQuery("DELETE FROM package_images WHERE package_id = $1 RETURNING blob_name")
                .execute(Tuple.of(packageId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("blob_name")));
    }

    private static StoredImage map(Row row) {
        return new StoredImage(row.getUUID("package_id"), row.getUUID("event_id"), row.getString("blob_name"),
                row.getString("content_type"), row.getString("image_url"), row.getString("etag"),
                row.getLong("size"), row.getLong("version"));
    }
}
