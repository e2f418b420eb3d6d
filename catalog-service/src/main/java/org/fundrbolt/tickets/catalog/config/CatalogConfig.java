package org.fundrbolt.tickets.catalog.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of catalog-service under {@code catalog.*}. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    Sales sales();

    Outbox outbox();

    /** The live sales view. */
    interface Sales {
        /** How long the Redis copy of an event's figures is trusted before the projection is read again. */
        @WithDefault("10S")
        Duration cacheTtl();

        /** Interval of the comment heartbeat on the SSE stream (keeps proxies from closing it). */
        @WithDefault("15S")
        Duration heartbeat();
    }

    /** The outbox relay. */
    interface Outbox {
        /** Rows sent per relay pass. */
        @WithDefault("500")
        int batchSize();

        /** Interval of the relay's safety-net pass (read by {@code @Scheduled}; a pass also runs after each commit). */
        @WithDefault("1s")
        String interval();
    }
}
