package org.fundrbolt.tickets.media.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.azure.storage.blob.BlobContainerAsyncClient;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready only while the blob store answers and the image container exists (it is created if missing). */
@Readiness
@ApplicationScoped
public class BlobStoreReadiness implements AsyncHealthCheck {

    private final BlobContainerAsyncClient container;

    public BlobStoreReadiness(BlobContainerAsyncClient container) {
        this.container = container;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> container.createIfNotExists().toFuture())
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(created -> HealthCheckResponse.named("blob-store").up()
                        .withData("container", container.getBlobContainerName()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("blob-store").down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }
}
