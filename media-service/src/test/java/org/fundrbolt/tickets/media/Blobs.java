package org.fundrbolt.tickets.media;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.ListBlobsOptions;

/** Looks straight into the blob store (Azurite), beneath media-service's own serving path. */
final class Blobs {

    private Blobs() {
    }

    private static BlobContainerClient container() {
        var config = ConfigProvider.getConfig();
        return new BlobServiceClientBuilder()
                .connectionString(config.getValue("media.storage.connection-string", String.class))
                .buildClient()
                .getBlobContainerClient(config.getOptionalValue("media.storage.container", String.class)
                        .orElse("ticket-images"));
    }

    /** The blob name behind an image_url ({@code .../images/{event}/{package}/{file}}). */
    static String blobName(String imageUrl) {
        return URI.create(imageUrl).getPath().substring("/images/".length());
    }

    static boolean exists(String imageUrl) {
        return container().getBlobClient(blobName(imageUrl)).exists();
    }

    /** How many blobs are stored under a package's prefix ({@code {event}/{package}/}). */
    static long countUnder(Object eventId, Object packageId) {
        return container().listBlobs(new ListBlobsOptions().setPrefix(eventId + "/" + packageId + "/"), null).stream()
                .count();
    }

    static BlobProperties properties(String imageUrl) {
        return container().getBlobClient(blobName(imageUrl)).getProperties();
    }
}
