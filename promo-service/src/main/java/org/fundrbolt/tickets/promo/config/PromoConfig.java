package org.fundrbolt.tickets.promo.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of promo-service ({@code promo.*} in application.properties). */
@ConfigMapping(prefix = "promo")
public interface PromoConfig {

    /** Anti-guessing limit of API.md, "Rate limits". */
    GuessLimit guessLimit();

    /** Cache of code definitions in Redis. */
    Cache cache();

    /** Release of redemptions whose sale never arrived. */
    Reconcile reconcile();

    interface GuessLimit {

        @WithDefault("20")
        int maxFailures();

        @WithDefault("10m")
        Duration window();
    }

    interface Cache {

        /** Off only to measure validate without the cache (deploy/load); on in every real deployment. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("60s")
        Duration ttl();
    }

    interface Reconcile {

        @WithDefault("5m")
        Duration maxAge();

        @WithDefault("100")
        int batchSize();

        /** How often each replica looks for stale redemptions (read by {@code @Scheduled} too). */
        @WithDefault("30s")
        Duration every();
    }
}
