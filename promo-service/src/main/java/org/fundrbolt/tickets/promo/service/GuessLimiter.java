package org.fundrbolt.tickets.promo.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.promo.config.PromoConfig;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ExpireArgs;
import io.smallrye.mutiny.Uni;

/**
 * The anti-guessing limit of API.md: a donor whose validations or redemptions failed too often within the
 * window gets 429 until the window ends. Counted in Redis so it holds across replicas.
 */
@ApplicationScoped
public class GuessLimiter {

    private static final Logger LOG = Logger.getLogger(GuessLimiter.class);

    private final ReactiveRedisDataSource redis;
    private final PromoConfig config;

    public GuessLimiter(ReactiveRedisDataSource redis, PromoConfig config) {
        this.redis = redis;
        this.config = config;
    }

    static String key(UUID donorId) {
        return "promo:fail:" + donorId;
    }

    /** Fails with 429 {@code rate_limited} when the donor has used up the allowed failures. */
    public Uni<Void> check(UUID donorId) {
        return redis.value(String.class).get(key(donorId)).chain(count -> enforce(donorId, count))
                .onFailure(failure -> !(failure instanceof DomainException)).recoverWithItem(failure -> {
                    // Failing open: a Redis outage must not stop every donor from using a valid code.
                    LOG.warnf("Anti-guessing limit not checked: %s", failure.getMessage());
                    return null;
                });
    }

    /** As {@link #check}, for a count already read (validate reads it along with the cached code). */
    public Uni<Void> enforce(UUID donorId, String count) {
        if (count == null || Long.parseLong(count) < config.guessLimit().maxFailures()) {
            return Uni.createFrom().voidItem();
        }
        return redis.key().ttl(key(donorId)).<Void>map(ttl -> {
            long retryAfter = ttl > 0 ? ttl : config.guessLimit().window().toSeconds();
            throw new DomainException(429, "rate_limited", "Too many promo codes did not work; try again in "
                    + retryAfter + " seconds.", java.util.List.of(), Map.of("retry_after", retryAfter));
        }).onFailure(failure -> !(failure instanceof DomainException)).recoverWithItem(failure -> {
            LOG.warnf("Anti-guessing limit not checked: %s", failure.getMessage());
            return null;
        });
    }

    /** Counts one failure; the window starts with the first failure (fixed window). */
    public Uni<Void> recordFailure(UUID donorId) {
        String key = key(donorId);
        return redis.value(String.class).incr(key)
                .chain(() -> redis.key().expire(key, config.guessLimit().window(), new ExpireArgs().nx()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Anti-guessing failure not counted: %s", failure.getMessage());
                    return false;
                }).replaceWithVoid();
    }

    /** Whether a failure counts as a guess: the code was unknown, unusable, used up or not for this package. */
    public static boolean isGuess(Throwable failure) {
        return failure instanceof DomainException domain && domain.code().startsWith("promo_code_")
                && !"promo_code_exists".equals(domain.code());
    }
}
