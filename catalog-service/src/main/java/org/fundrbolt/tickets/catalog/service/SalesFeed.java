package org.fundrbolt.tickets.catalog.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** One Redis subscription per replica to {@code sales:events}, fanned out to this replica's SSE clients. */
@ApplicationScoped
public class SalesFeed {

    private static final Logger LOG = Logger.getLogger(SalesFeed.class);

    private final ReactiveRedisDataSource redis;
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

    public SalesFeed(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void subscribe(@Observes StartupEvent started) {
        redis.pubsub(String.class).subscribe(SalesService.CHANNEL)
                .onFailure().invoke(e -> LOG.warnf("Redis subscription lost, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(changes::onNext);
    }

    /**
     * Ticks whenever the figures of this event changed on any replica. A subscriber that is still reading the
     * figures of the previous tick has asked for nothing more, and a {@code BroadcastProcessor} fails such a
     * subscriber (ending its SSE stream) when a notice arrives: the notices are conflated instead, keeping the
     * latest, since one read after a burst shows everything the burst announced.
     */
    public Multi<String> changesOf(UUID eventId) {
        String id = eventId.toString();
        return changes.filter(id::equals).onOverflow().dropPreviousItems();
    }
}
