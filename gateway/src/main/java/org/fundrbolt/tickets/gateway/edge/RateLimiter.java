package org.fundrbolt.tickets.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Sliding one-minute windows ({@link SlidingWindow}) counted in Redis, so that a limit holds across every gateway
 * replica: each request is decided and counted in one script call. When Redis fails or does not answer within
 * {@code gateway.rate-limits.redis-timeout}, this replica decides alone with the same limits
 * ({@link LocalRateLimiter}): never a free pass, but with N replicas a client may get up to N times its limit
 * while Redis is down, the chosen trade-off against refusing everyone.
 */
@ApplicationScoped
public class RateLimiter {

    static final long WINDOW_MILLIS = 60_000;
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long WARNING_INTERVAL_MILLIS = 60_000;

    /**
     * KEYS[1] the subject's counters (a hash: w = window number, c = its count, p = the previous window's count);
     * ARGV limit, window length and now in milliseconds. Answers the milliseconds to wait, 0 when admitted (and
     * counted). The sums are those of {@link SlidingWindow#waitMillis}, in the same order.
     */
    static final String SCRIPT = """
            local limit = tonumber(ARGV[1])
            local length = tonumber(ARGV[2])
            local now = tonumber(ARGV[3])
            local window = math.floor(now / length)
            local state = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
            local w = tonumber(state[1])
            local current = tonumber(state[2]) or 0
            local previous = tonumber(state[3]) or 0
            if w == nil then
              w = window; current = 0; previous = 0
            elseif window > w then
              if window == w + 1 then previous = current else previous = 0 end
              w = window; current = 0
            end
            local elapsed = math.max(0, now - w * length)
            local wait
            if limit < 1 then
              wait = length - elapsed
            elseif previous * (length - elapsed) <= (limit - 1 - current) * length then
              redis.call('HSET', KEYS[1], 'w', w, 'c', current + 1, 'p', previous)
              redis.call('PEXPIRE', KEYS[1], 2 * length)
              return 0
            elseif current + 1 <= limit then
              wait = length * (previous - (limit - 1 - current)) / previous - elapsed
            else
              wait = length - elapsed + length * (current - (limit - 1)) / current
            end
            return math.max(1, math.ceil(wait))
            """;
    private static final String SCRIPT_SHA = sha1(SCRIPT);

    /** The verdict: allowed, or refused with the seconds until one more request fits. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {

        static Verdict after(long waitMillis) {
            return waitMillis == 0 ? new Verdict(true, 0) : new Verdict(false, Math.max(1, (waitMillis + 999) / 1000));
        }
    }

    private final ReactiveRedisDataSource redis;
    private final Counter degraded;
    private final Duration redisTimeout;
    private final long redisBackoffMillis;
    private final LocalRateLimiter local = new LocalRateLimiter(WINDOW_MILLIS);
    // After a failure Redis is left alone for a moment: requests do not each wait out the timeout on a Redis
    // that is down, nor pile up in its connection pool.
    private volatile long redisSkippedUntil;
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong degradedSinceWarning = new AtomicLong();

    @Inject
    public RateLimiter(ReactiveRedisDataSource redis, MeterRegistry metrics, GatewayConfig config) {
        this.redis = redis;
        // Registered up front, so that an alert on its increase sees a series from the start.
        this.degraded = Counter.builder("gateway.rate.limit.degraded")
                .description("Requests whose rate limit this replica decided alone, since Redis failed or was slow")
                .register(metrics);
        this.redisTimeout = config.rateLimits().redisTimeout();
        this.redisBackoffMillis = config.rateLimits().redisBackoff().toMillis();
    }

    public Uni<Verdict> hit(String bucket, String subject, int perMinute) {
        // Not the "ratelimit:{bucket}:{subject}:{minute}" strings of the fixed windows before, which a rolling deploy
        // may still write.
        String key = "ratelimit:sliding:" + bucket + ":" + subject;
        long now = System.currentTimeMillis();
        if (now < redisSkippedUntil) {
            return Uni.createFrom().item(decideLocally(key, perMinute, now, null));
        }
        return countInRedis(key, perMinute, now).ifNoItem().after(redisTimeout).fail()
                .map(waitMillis -> Verdict.after(waitMillis == 0 ? local.confirm(key, perMinute, now) : waitMillis))
                .onFailure().recoverWithItem(failure -> {
                    redisSkippedUntil = System.currentTimeMillis() + redisBackoffMillis;
                    return decideLocally(key, perMinute, now, failure);
                })
                // A timeout fires on a Mutiny thread; the request must go on on its own event loop.
                .emitOn(onContextOf(Vertx.currentContext()));
    }

    /** Loads the script and opens a first connection, so that the first limited request does not wait for both. */
    void warmUp(@Observes StartupEvent started) {
        redis.execute("SCRIPT", "LOAD", SCRIPT).subscribe().with(loaded -> {
        }, failure -> LOG.debugf("rate limit script not loaded at start-up: %s", failure));
    }

    /** Decides and counts one request in Redis: the milliseconds to wait, 0 when admitted. */
    Uni<Long> countInRedis(String key, int limit, long nowMillis) {
        String[] arguments = {"1", key, String.valueOf(limit), String.valueOf(WINDOW_MILLIS),
                String.valueOf(nowMillis)};
        return redis.execute("EVALSHA", withFirst(SCRIPT_SHA, arguments))
                // Redis forgets loaded scripts on a restart; EVAL loads it again.
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", withFirst(SCRIPT, arguments)))
                .map(response -> response.toLong());
    }

    private Verdict decideLocally(String key, int perMinute, long now, Throwable failure) {
        degraded.increment();
        warnNowAndThen(failure);
        return Verdict.after(local.decideAlone(key, perMinute, now));
    }

    /** One warning a minute, however many requests are decided without Redis meanwhile. */
    private void warnNowAndThen(Throwable failure) {
        degradedSinceWarning.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("rate limits decided by this gateway replica alone (%d requests since the last warning): %s",
                    degradedSinceWarning.getAndSet(0),
                    failure == null
                            ? "Redis failed moments ago and is left alone for a while"
                            : "Redis failed: " + failure);
        }
    }

    private static Executor onContextOf(Context context) {
        return task -> {
            if (context == null || Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }

    private static String[] withFirst(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
