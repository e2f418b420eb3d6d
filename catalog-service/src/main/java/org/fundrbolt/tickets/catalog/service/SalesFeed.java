package org.fundrbolt.tickets.catalog.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.fundrbolt.tickets.catalog.config.CatalogConfig;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One Redis subscription per replica to {@code sales:events}, fanned out to this replica's SSE clients.
 * <p>
 * A subscription whose connection Redis dropped (a restart, a failover, a killed client) ends without a word: the
 * client neither fails nor completes it, it only stops delivering. So the feed watches itself: every
 * {@code catalog.sales.feed-probe} it publishes a probe of its own on the channel, and a probe that has not come back
 * by the next one means the subscription is dead. It then subscribes again and tells every stream of this replica to
 * read its figures once more, since notices published meanwhile were lost.
 */
@ApplicationScoped
public class SalesFeed {

    private static final Logger LOG = Logger.getLogger(SalesFeed.class);
    /** Probes of every replica start so; no event id does. */
    private static final String PROBE_PREFIX = "probe:";
    /** A notice every stream of this replica passes: read the figures again. */
    private static final String EVERY_EVENT = "*";

    private final ReactiveRedisDataSource redis;
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();
    private final String probe = PROBE_PREFIX + UUID.randomUUID();
    /** When the outstanding probe was sent (System.nanoTime), 0 when none is outstanding. */
    private final AtomicLong probeSentAt = new AtomicLong();
    private final long probeTimeoutNanos;
    private volatile Cancellable subscription;

    public SalesFeed(ReactiveRedisDataSource redis, CatalogConfig config) {
        this.redis = redis;
        this.probeTimeoutNanos = config.sales().feedProbe().toNanos();
    }

    void subscribe(@Observes StartupEvent started) {
        connect();
    }

    private synchronized void connect() {
        Cancellable previous = subscription;
        if (previous != null) {
            try {
                previous.cancel();
            } catch (RuntimeException e) {
                LOG.debugf("cancelling the dead Redis subscription failed: %s", e.toString());
            }
        }
        subscription = redis.pubsub(String.class).subscribe(SalesService.CHANNEL)
                .onFailure().invoke(e -> LOG.warnf("Redis subscription lost, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(this::received);
    }

    private void received(String message) {
        if (message.startsWith(PROBE_PREFIX)) {
            if (message.equals(probe)) {
                probeSentAt.set(0);
            }
            return;
        }
        changes.onNext(message);
    }

    /** The watchdog (see the class): a probe out and back per period, or a new subscription. */
    @Scheduled(every = "${catalog.sales.feed-probe:5S}", delayed = "${catalog.sales.feed-probe:5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        long sent = probeSentAt.get();
        if (sent != 0 && System.nanoTime() - sent >= probeTimeoutNanos) {
            LOG.warn("The Redis subscription to sales notices went silent (its probe did not come back): "
                    + "subscribing again");
            probeSentAt.set(0);
            connect();
            changes.onNext(EVERY_EVENT);
            return Uni.createFrom().voidItem();
        }
        if (sent == 0) {
            probeSentAt.set(System.nanoTime());
        }
        // A probe that cannot be published (Redis away) stays outstanding: the subscription is renewed next time.
        return redis.pubsub(String.class).publish(SalesService.CHANNEL, probe).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /**
     * Ticks whenever the figures of this event changed on any replica. A subscriber that is still reading the
     * figures of the previous tick has asked for nothing more, and a {@code BroadcastProcessor} fails such a
     * subscriber (ending its SSE stream) when a notice arrives: the notices are conflated instead, keeping the
     * latest, since one read after a burst shows everything the burst announced.
     */
    public Multi<String> changesOf(UUID eventId) {
        String id = eventId.toString();
        return changes.filter(notice -> id.equals(notice) || EVERY_EVENT.equals(notice)).onOverflow()
                .dropPreviousItems();
    }
}
