package org.fundrbolt.tickets.platform.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumers retry a transient failure in place ({@code platform.consumer.*}). */
@ConfigMapping(prefix = "platform.consumer")
public interface ConsumerConfig {

    /** The first pause after a transient failure; each further one doubles it, with jitter. */
    @WithDefault("200ms")
    Duration retryInitial();

    /**
     * How long one attempt may take before it counts as a transient failure: a database that vanished
     * without closing the socket (or answered 57P01 and kept it open) must not hold the partition forever.
     */
    @WithDefault("10s")
    Duration attemptTimeout();

    /** The longest pause between two attempts; attempts go on until the message is applied. */
    @WithDefault("10s")
    Duration retryMax();
}
