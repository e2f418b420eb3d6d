package org.fundrbolt.tickets.media.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.fundrbolt.tickets.media.config.MediaConfig;

import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

/** The Azure Blob Storage container of package images (Azurite locally, a storage account in production). */
@ApplicationScoped
public class BlobStore {

    @Produces
    @Singleton
    BlobContainerAsyncClient container(MediaConfig config) {
        return new BlobServiceClientBuilder()
                .connectionString(config.storage().connectionString())
                .buildAsyncClient()
                .getBlobContainerAsyncClient(config.storage().container());
    }
}
