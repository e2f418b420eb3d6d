package org.fundrbolt.tickets.catalog.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of catalog-service under {@code catalog.*}. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    Sales sales();

    /** How often every package's snapshot is published again, so that a lost one heals by itself. */
    @WithDefault("15m")
    Duration republishInterval();

    /** The live sales view. */
    interface Sales {

        /** How long the Redis copy of an event's figures is trusted before the projection is read again. */
        @WithDefault("10S")
        Duration cacheTtl();

        /** Interval of the comment heartbeat on the SSE stream (keeps proxies from closing it). */
        @WithDefault("15S")
        Duration heartbeat();

        /**
         * Period of the Redis subscription's watchdog (SalesFeed): a probe published this often must come back before
         * the next, or the feed subscribes again.
         */
        @WithDefault("5S")
        Duration feedProbe();
    }
}
