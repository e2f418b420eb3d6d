package org.fundrbolt.tickets.platform.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * ARCHITECTURE.md's rule for every consumer, "transient is not poison": a failure of the consumer's own
 * database, of the network or a timeout is retried in place with back-off for as long as it takes,
 * holding the partition (so nothing behind it overtakes it and no offset is committed past it); only a
 * message that cannot be read or breaks its schema fails for good, to be dead-lettered by the channel's
 * {@code dead-letter-queue} strategy (or by a batch consumer itself). An attempt that does not answer
 * within {@code platform.consumer.attempt-timeout} counts as a transient failure.
 *
 * <p>Metrics, tagged by channel: {@code consumer_retries_total} (attempts that failed transiently),
 * {@code consumer_retrying} (1 while a message is waiting for a retry) and
 * {@code consumer_dead_lettered_total} (messages given up as unreadable).
 */
@ApplicationScoped
public class ConsumerPolicy {

    private static final Logger LOG = Logger.getLogger(ConsumerPolicy.class);

    /** SQLSTATEs that say the data itself is wrong: another attempt fails the same way. */
    private static final Set<String> DATA_ERRORS = Set.of("23502", "23514", "42804");

    private final ConsumerConfig config;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicInteger> retrying = new ConcurrentHashMap<>();

    public ConsumerPolicy(ConsumerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * Runs {@code work} until it succeeds or fails for good: a transient failure is logged, counted and
     * retried after a growing pause; a poison failure ({@link #isPoison}) is counted and passed on.
     */
    public <T> Uni<T> apply(String channel, Supplier<Uni<? extends T>> work) {
        AtomicInteger waiting = retrying(channel);
        return Uni.createFrom().<T>deferred(work)
                .ifNoItem().after(config.attemptTimeout()).failWith(() -> new TimeoutException(
                        channel + ": no answer within " + config.attemptTimeout().toMillis() + " ms"))
                .onFailure(failure -> !isPoison(failure)).invoke(failure -> {
                    waiting.set(1);
                    retries(channel).increment();
                    LOG.warnf("%s: transient failure, retried in place: %s", channel, failure.toString());
                })
                .onFailure(failure -> !isPoison(failure)).retry()
                .withBackOff(config.retryInitial(), config.retryMax()).indefinitely()
                .onItemOrFailure().invoke((item, failure) -> waiting.set(0))
                .onFailure().invoke(failure -> deadLettered(channel, failure));
    }

    /** Counts (and logs) a message given up as unreadable; batch consumers that dead-letter by hand call it. */
    public void deadLettered(String channel, Throwable failure) {
        Counter.builder("consumer_dead_lettered_total").tag("channel", channel)
                .description("Messages sent to the dead-letter topic as unreadable").register(registry).increment();
        LOG.errorf("%s: message sent to the dead-letter topic: %s", channel, failure.toString());
    }

    /**
     * Poison: the message cannot be read ({@link UnreadableMessage}, a JSON error, an argument the
     * consumer rejects) or the database refuses its data as such (a data exception, SQLSTATE class 22, or
     * a NOT NULL/CHECK violation). Everything else — lost connections, restarts (57P01), timeouts,
     * deadlocks, serialization failures, a unique key raced by another replica — is transient.
     */
    public static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnreadableMessage || cause instanceof JacksonException
                    || cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || DATA_ERRORS.contains(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private Counter retries(String channel) {
        return Counter.builder("consumer_retries_total").tag("channel", channel)
                .description("Consumer attempts that failed transiently and were retried in place")
                .register(registry);
    }

    private AtomicInteger retrying(String channel) {
        return retrying.computeIfAbsent(channel, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("consumer_retrying", value, AtomicInteger::get).tag("channel", name)
                    .description("1 while a consumer holds its partition to retry a message").register(registry);
            return value;
        });
    }
}
