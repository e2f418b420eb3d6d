package org.fundrbolt.tickets.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay's settings ({@code platform.outbox.*}); the defaults suit every service. */
@ConfigMapping(prefix = "platform.outbox")
public interface OutboxConfig {

    /** Rows per pass; a full batch starts the next pass at once. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows a failed or missed pass left behind. */
    @WithDefault("1s")
    Duration interval();

    /** How soon a pass that found another replica relaying tries again. */
    @WithDefault("100ms")
    Duration lockRetry();

    /** Published rows older than this are deleted. */
    @WithDefault("24h")
    Duration retention();

    /** Rows deleted per pruning statement, so pruning never holds a long lock. */
    @WithDefault("10000")
    int pruneBatch();
}
