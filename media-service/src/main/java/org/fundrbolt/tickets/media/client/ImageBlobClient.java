package org.fundrbolt.tickets.media.client;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import reactor.core.publisher.Mono;

/**
 * The image blobs in the {@code ticket-images} container: upload with the serving headers, download,
 * delete. Results come back on the caller's Vert.x context, so that database work can follow directly.
 */
@ApplicationScoped
public class ImageBlobClient {

    private static final Logger LOG = Logger.getLogger(ImageBlobClient.class);
    /** Blob names are unique per upload, so a URL's bytes never change: browsers and CDNs may keep them forever. */
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final BlobContainerAsyncClient container;

    public ImageBlobClient(BlobContainerAsyncClient container) {
        this.container = container;
    }

    void createContainer(@Observes StartupEvent startup) {
        try {
            container.createIfNotExists().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // Readiness keeps trying (and stays down) until the blob store answers.
            LOG.warnf("Could not create blob container %s at startup: %s", container.getBlobContainerName(),
                    e.getMessage());
        }
    }

    public Uni<Void> upload(String blobName, byte[] bytes, String contentType) {
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(bytes))
                .setHeaders(new BlobHttpHeaders().setContentType(contentType).setCacheControl(CACHE_CONTROL));
        return fromMono(() -> container.getBlobAsyncClient(blobName).uploadWithResponse(options)).replaceWithVoid();
    }

    /** The blob's bytes (images are at most a few MiB), or empty when it does not exist. */
    public Uni<Optional<byte[]>> download(String blobName) {
        return fromMono(() -> container.getBlobAsyncClient(blobName).downloadContent())
                .map(data -> Optional.of(data.toBytes()))
                .onFailure(ImageBlobClient::isNotFound).recoverWithItem(Optional.empty());
    }

    /** Deletes the blob; a blob that is already gone is not an error. */
    public Uni<Void> delete(String blobName) {
        return fromMono(() -> container.getBlobAsyncClient(blobName).deleteIfExists()).replaceWithVoid();
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof BlobStorageException storage && storage.getStatusCode() == 404;
    }

    private static <T> Uni<T> fromMono(Supplier<Mono<T>> call) {
        Context context = Vertx.currentContext();
        Uni<T> result = Uni.createFrom().completionStage(() -> call.get().timeout(TIMEOUT).toFuture());
        if (context == null) {
            return result;
        }
        return result.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
