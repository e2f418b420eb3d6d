package org.fundrbolt.tickets.media.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.media.client.ImageBlobClient;
import org.fundrbolt.tickets.media.config.MediaConfig;
import org.fundrbolt.tickets.media.domain.PackageSnapshot;
import org.fundrbolt.tickets.media.domain.SanitizedImage;
import org.fundrbolt.tickets.media.domain.StoredImage;
import org.fundrbolt.tickets.media.messaging.ImageEvent;
import org.fundrbolt.tickets.media.repository.ImageRepository;
import org.fundrbolt.tickets.media.repository.PackageRepository;
import org.fundrbolt.tickets.platform.outbox.Outbox;
import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A package's image: attach (validate, strip, store, record, announce), remove, serve, and drop it when
 * the catalog deletes the package. The database is the truth: a blob is served only while a record points
 * at it, and every record change writes its media.images event to the outbox in the same transaction.
 */
@ApplicationScoped
public class PackageImageService {

    private static final Logger LOG = Logger.getLogger(PackageImageService.class);

    private final Pool pool;
    private final PackageRepository packages;
    private final ImageRepository images;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ImageBlobClient blobs;
    private final ImageSanitizer sanitizer;
    private final MediaConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;

    public PackageImageService(Pool pool, PackageRepository packages, ImageRepository images, Outbox outbox,
            OutboxRelay relay, ImageBlobClient blobs, ImageSanitizer sanitizer, MediaConfig config, ObjectMapper json,
            Vertx vertx) {
        this.pool = pool;
        this.packages = packages;
        this.images = images;
        this.outbox = outbox;
        this.relay = relay;
        this.blobs = blobs;
        this.sanitizer = sanitizer;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    /** Attaches an uploaded file as the package's image and answers its public URL. */
    public Uni<String> upload(UUID eventId, UUID packageId, Path uploadedFile, long size, String declaredType) {
        if (size > ImageSanitizer.MAX_BYTES) {
            return Uni.createFrom().failure(ImageSanitizer.tooLarge());
        }
        return requireLivePackage(eventId, packageId)
                // Decoding is CPU-heavy and blocking: a worker thread, then back on this context.
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> sanitizer.sanitize(read(uploadedFile),
                        declaredType)), false))
                .chain(image -> store(eventId, packageId, image));
    }

    private Uni<String> store(UUID eventId, UUID packageId, SanitizedImage image) {
        String blobName = eventId + "/" + packageId + "/" + UUID.randomUUID() + "." + image.format().extension();
        String imageUrl = stripTrailingSlash(config.publicBaseUrl()) + "/images/" + blobName;
        return blobs.upload(blobName, image.bytes(), image.format().mediaType())
                .chain(() -> pool.withTransaction(connection -> lockLivePackage(connection, eventId, packageId)
                        .chain(() -> images.find(connection, packageId))
                        .chain(previous -> packages.nextImageVersion(connection, packageId)
                                .call(version -> images.save(connection, new StoredImage(packageId, eventId, blobName,
                                        image.format().mediaType(), imageUrl, etag(image.bytes()), image.bytes().length,
                                        version)))
                                .call(version -> announce(connection, eventId, packageId, imageUrl, version))
                                .replaceWith(previous)))
                        // The record was not written: the new blob must not outlive it.
                        .onFailure().call(failure -> deleteQuietly(blobName)))
                .invoke(previous -> relay.trigger())
                .call(previous -> previous.map(old -> deleteQuietly(old.blobName()))
                        .orElse(Uni.createFrom().voidItem()))
                .replaceWith(imageUrl);
    }

    /** Removes the package's image, if it has one; a known package without an image is not an error. */
    public Uni<Void> remove(UUID eventId, UUID packageId) {
        return pool.withTransaction(connection -> lockLivePackage(connection, eventId, packageId)
                .chain(() -> removeRecord(connection, eventId, packageId)))
                .call(this::afterRemoval)
                .replaceWithVoid();
    }

    /** Applies a catalog snapshot; a newly deleted package loses its image. */
    public Uni<Void> applySnapshot(PackageSnapshot snapshot) {
        return pool.withTransaction(connection -> packages.apply(connection, snapshot)
                .chain(deleted -> deleted
                        ? removeRecord(connection, snapshot.eventId(), snapshot.packageId())
                        : Uni.createFrom().item(Optional.<String>empty())))
                .call(this::afterRemoval)
                .replaceWithVoid();
    }

    /** The current image stored under this blob name, with its bytes; empty once removed or replaced. */
    public Uni<Optional<StoredImage>> current(String blobName) {
        return images.findByBlobName(pool, blobName);
    }

    public Uni<Optional<byte[]>> bytes(StoredImage image) {
        return blobs.download(image.blobName());
    }

    private Uni<Optional<String>> removeRecord(SqlConnection connection, UUID eventId, UUID packageId) {
        return images.delete(connection, packageId).call(removed -> removed.isEmpty()
                ? Uni.createFrom().voidItem()
                : packages.nextImageVersion(connection, packageId)
                        .chain(version -> announce(connection, eventId, packageId, null, version)));
    }

    private Uni<Void> afterRemoval(Optional<String> removedBlob) {
        if (removedBlob.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        relay.trigger();
        return deleteQuietly(removedBlob.get());
    }

    private Uni<Void> requireLivePackage(UUID eventId, UUID packageId) {
        return packages.isLive(pool, packageId, eventId).invoke(live -> {
            if (!live) {
                throw packageNotFound(packageId);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> lockLivePackage(SqlConnection connection, UUID eventId, UUID packageId) {
        return packages.lockLive(connection, packageId, eventId).invoke(live -> {
            if (!live) {
                throw packageNotFound(packageId);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> announce(SqlConnection connection, UUID eventId, UUID packageId, String imageUrl, long version) {
        ImageEvent event = ImageEvent.of(packageId, eventId, imageUrl, version);
        try {
            return outbox.add(connection, ImageEvent.TOPIC, packageId.toString(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Blob deletion after the commit: the record is already gone, so a leftover blob is never served, only wasted. */
    private Uni<Void> deleteQuietly(String blobName) {
        return blobs.delete(blobName).onFailure().invoke(failure -> LOG.warnf("Could not delete blob %s: %s",
                blobName, failure.getMessage())).onFailure().recoverWithNull();
    }

    private static DomainException packageNotFound(UUID packageId) {
        return DomainException.notFound("package_not_found", "No package " + packageId + " in this event.");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
