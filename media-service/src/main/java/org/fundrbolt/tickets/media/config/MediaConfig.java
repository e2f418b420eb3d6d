package org.fundrbolt.tickets.media.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of media-service (keys under {@code media.}). */
@ConfigMapping(prefix = "media")
public interface MediaConfig {

    Storage storage();

    /**
     * Base of the public {@code image_url}: the gateway's own URL by default (images are served under
     * {@code /images/...}); in production a CDN or public blob endpoint.
     */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** Blob storage settings. */
    interface Storage {

        /** Azure Storage connection string (env MEDIA_STORAGE_CONNECTION_STRING). */
        String connectionString();

        @WithDefault("ticket-images")
        String container();
    }

}
