package org.fundrbolt.tickets.gateway.edge;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Fixed one-minute windows counted in Redis (one atomic script per request), so a limit holds across
 * every gateway replica. When Redis cannot answer, the request passes: the limits protect the
 * services, and refusing every donor during a Redis blip would be worse.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String COUNT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";

    /** The verdict: allowed, or refused with the seconds until the window ends. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    private final ReactiveRedisDataSource redis;

    public RateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Verdict> hit(String bucket, String subject, int perMinute) {
        long now = Instant.now().getEpochSecond();
        long window = now / 60;
        long retryAfter = Math.max(1, (window + 1) * 60 - now);
        String key = "ratelimit:" + bucket + ":" + subject + ":" + window;
        return redis.execute("EVAL", COUNT, "1", key, "70")
                .map(response -> response.toLong() <= perMinute ? new Verdict(true, 0) : new Verdict(false, retryAfter))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("rate limit not checked, Redis failed: %s", failure.toString());
                    return new Verdict(true, 0);
                });
    }

}
