package org.fundrbolt.tickets.promo.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.promo.config.PromoConfig;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Command;

/**
 * The anti-guessing limit of API.md ("Rate limits"): at most {@code promo.guess-limit.max-failures} failed
 * validations or redemptions (and unknown codes asked for what they unlock) per donor per window, then 429 until
 * the window ends.
 * <p>
 * Every attempt reserves a slot of the donor's budget <em>before</em> its code is judged and gives it back
 * only when the attempt was not a guess (a success, or a failure unrelated to the code), so a burst of
 * simultaneous guesses is judged at most {@code max-failures} times. A reservation over the budget is refused
 * without judging, gives its slot back and marks the window exhausted: from then on the donor is refused until
 * the window ends, even when a success that held a slot meanwhile gives it back. The window is a fixed one,
 * started by the first reservation: one Redis hash {@code promo:guess:{donor id, lower case}} with the fields
 * {@code held}, {@code window} (a token, so a late give-back never lands in the next window) and
 * {@code exhausted}, changed by one script per step so that replicas share it.
 * <p>
 * When Redis cannot answer, the limit is not lifted: each replica counts the same way in its own memory, so
 * during an outage a donor gets the budget once per replica that serves them (and the counts made meanwhile
 * are forgotten when Redis is back). The switch is logged once as a WARN, and every decision taken that way
 * counts in {@code promo_guess_limit_degraded_total}.
 */
@ApplicationScoped
public class GuessLimiter {

    private static final Logger LOG = Logger.getLogger(GuessLimiter.class);

    /**
     * KEYS[1] the donor's window, KEYS[2] (optional) a key read along; ARGV window in ms, budget, new token.
     * Returns {1, token, value read along} for a reserved slot, {0, ms left in the window} for a refusal.
     */
    private static final String RESERVE = """
            local window = KEYS[1]
            if redis.call('EXISTS', window) == 0 then
              redis.call('HSET', window, 'held', 0, 'window', ARGV[3])
              redis.call('PEXPIRE', window, ARGV[1])
            end
            if redis.call('HEXISTS', window, 'exhausted') == 0 then
              if redis.call('HINCRBY', window, 'held', 1) <= tonumber(ARGV[2]) then
                local along = false
                if KEYS[2] then along = redis.call('GET', KEYS[2]) end
                return {1, redis.call('HGET', window, 'window'), along}
              end
              redis.call('HINCRBY', window, 'held', -1)
              redis.call('HSET', window, 'exhausted', 1)
            end
            return {0, redis.call('PTTL', window)}
            """;

    /** KEYS[1] the donor's window, ARGV[1] the token of the window the slot was reserved in. */
    private static final String GIVE_BACK = """
            if redis.call('HGET', KEYS[1], 'window') == ARGV[1] then
              return redis.call('HINCRBY', KEYS[1], 'held', -1)
            end
            return -1
            """;

    private final ReactiveRedisDataSource redis;
    private final PromoConfig config;
    private final Cache<String, LocalWindow> localWindows;
    private final Counter degradedDecisions;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public GuessLimiter(ReactiveRedisDataSource redis, PromoConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        // Written once per window and only mutated afterwards, so an entry lives exactly one window.
        this.localWindows = Caffeine.newBuilder().expireAfterWrite(config.guessLimit().window())
                .maximumSize(100_000).build();
        this.degradedDecisions = Counter.builder("promo.guess.limit.degraded")
                .description("Anti-guessing decisions counted in this replica's memory because Redis did not answer")
                .register(registry);
    }

    static String key(UUID donorId) {
        return "promo:guess:" + donorId.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs one attempt of the donor inside their budget: reserves a slot (429 {@code rate_limited} with
     * {@code retry_after} when none is left, without running the attempt), then runs it with the value of
     * {@code readAlong} fetched in the same Redis round trip (null when not asked for, missing, or Redis is
     * away), and gives the slot back unless the attempt failed as a guess.
     */
    public <T> Uni<T> guard(UUID donorId, String readAlong, Function<String, Uni<T>> attempt) {
        return reserve(donorId, readAlong).chain(slot -> Uni.createFrom().deferred(() -> attempt.apply(slot.readAlong))
                // A cancelled attempt told the donor nothing.
                .onCancellation().call(() -> giveBack(slot))
                .onItemOrFailure().call((item, failure) -> isGuess(failure)
                        ? Uni.createFrom().voidItem()
                        : giveBack(slot)));
    }

    /** Whether a failure counts as a guess: the code was unknown, unusable, used up or not for this package. */
    public static boolean isGuess(Throwable failure) {
        return failure instanceof DomainException domain && domain.code().startsWith("promo_code_")
                && !"promo_code_exists".equals(domain.code());
    }

    private Uni<Slot> reserve(UUID donorId, String readAlong) {
        String key = key(donorId);
        List<String> arguments = new ArrayList<>(List.of(RESERVE, readAlong == null ? "1" : "2", key));
        if (readAlong != null) {
            arguments.add(readAlong);
        }
        arguments.addAll(List.of(String.valueOf(config.guessLimit().window().toMillis()),
                String.valueOf(config.guessLimit().maxFailures()), UUID.randomUUID().toString()));
        return redis.execute(Command.EVAL, arguments.toArray(String[]::new))
                .onItemOrFailure().transformToUni((reply, failure) -> {
                    if (failure != null) {
                        degradedDecisions.increment();
                        redisFailed(failure);
                        return reserveLocally(key);
                    }
                    redisAnswered();
                    if (reply.get(0).toInteger() == 0) {
                        return Uni.createFrom().failure(rateLimited(reply.get(1).toLong()));
                    }
                    Response along = reply.size() > 2 ? reply.get(2) : null;
                    return Uni.createFrom().item(new Slot(key, reply.get(1).toString(), null,
                            along == null ? null : along.toString()));
                });
    }

    private Uni<Void> giveBack(Slot slot) {
        if (slot.localWindow != null) {
            slot.localWindow.giveBack();
            return Uni.createFrom().voidItem();
        }
        return redis.execute(Command.EVAL, GIVE_BACK, "1", slot.key, slot.redisWindow).invoke(this::redisAnswered)
                .onFailure().recoverWithItem(failure -> {
                    // The slot stays taken until the window ends: the donor loses one attempt, nobody gains one.
                    redisFailed(failure);
                    return null;
                }).replaceWithVoid();
    }

    private Uni<Slot> reserveLocally(String key) {
        LocalWindow window = localWindows.get(key, unused -> new LocalWindow(System.nanoTime()
                + config.guessLimit().window().toNanos()));
        if (!window.reserve(config.guessLimit().maxFailures())) {
            return Uni.createFrom()
                    .failure(rateLimited(TimeUnit.NANOSECONDS.toMillis(window.endsAtNanos - System.nanoTime())));
        }
        return Uni.createFrom().item(new Slot(key, null, window, null));
    }

    private void redisFailed(Throwable failure) {
        if (degraded.compareAndSet(false, true)) {
            LOG.warnf("Redis did not answer (%s): the anti-guessing limit is counted in this replica's memory until "
                    + "it does (promo_guess_limit_degraded_total)", failure.getMessage());
        }
    }

    private void redisAnswered() {
        if (degraded.compareAndSet(true, false)) {
            LOG.info("Redis answers again: the anti-guessing limit is counted in Redis");
        }
    }

    private DomainException rateLimited(long millisLeft) {
        long retryAfter = millisLeft > 0
                ? Math.max(1, (millisLeft + 999) / 1000)
                : config.guessLimit().window().toSeconds();
        return new DomainException(429, "rate_limited", "Too many promo codes did not work; try again in "
                + retryAfter + " seconds.", List.of(), Map.of("retry_after", retryAfter));
    }

    /** A reserved slot: in Redis (the window's token) or in this replica's memory. */
    private record Slot(String key, String redisWindow, LocalWindow localWindow, String readAlong) {
    }

    /** One donor's window in this replica's memory, for while Redis is away; the same rules as the script. */
    private static final class LocalWindow {

        private final long endsAtNanos;
        private int held;
        private boolean exhausted;

        LocalWindow(long endsAtNanos) {
            this.endsAtNanos = endsAtNanos;
        }

        synchronized boolean reserve(int budget) {
            if (exhausted) {
                return false;
            }
            if (held >= budget) {
                exhausted = true;
                return false;
            }
            held++;
            return true;
        }

        synchronized void giveBack() {
            held--;
        }
    }
}
