package org.fundrbolt.tickets.catalog.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.fundrbolt.tickets.catalog.config.CatalogConfig;
import org.fundrbolt.tickets.catalog.repository.OutboxRepository;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes outbox rows to Kafka right after each commit and every second, so a Kafka outage only
 * delays events. One replica at a time relays (transaction-scoped advisory lock), in id order,
 * which keeps per-package order; a row is marked published only after the broker acknowledged it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6361_7461_6c6f_6701L;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final MutinyEmitter<String> packages;
    private final CatalogConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong unpublished = new AtomicLong();

    public OutboxRelay(Pool pool, OutboxRepository outbox, @Channel("catalog-packages-out") MutinyEmitter<String> packages,
            CatalogConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.packages = packages;
        this.config = config;
        Gauge.builder("catalog_outbox_unpublished", unpublished, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka (relay lag)").register(registry);
    }

    /** Starts a pass now, or right after the running one, so a commit never waits for the next tick. */
    public void trigger() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        relayOnce().subscribe().with(this::finished, failure -> {
            LOG.warnf("Outbox relay pass failed, retrying on the next tick: %s", failure.getMessage());
            finished(0);
        });
    }

    // Delayed so the first pass never runs before the messaging channels are wired.
    @Scheduled(every = "${catalog.outbox.interval:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        trigger();
    }

    private void finished(int sent) {
        running.set(false);
        if (again.getAndSet(false) || sent >= config.outbox().batchSize()) {
            trigger();
        }
    }

    private Uni<Integer> relayOnce() {
        return pool.withTransaction(conn -> outbox.tryRelayLock(conn, RELAY_LOCK).flatMap(owner -> {
            if (!owner) {
                return Uni.createFrom().item(0);
            }
            return outbox.oldestUnpublished(conn, config.outbox().batchSize())
                    .flatMap(this::sendInOrder)
                    .call(sent -> outbox.markPublished(conn, sent))
                    .map(List::size);
        })).call(() -> outbox.countUnpublished(pool).invoke(unpublished::set));
    }

    /** Sends one at a time and stops at the first failure, so a later row never overtakes an earlier one. */
    private Uni<List<Long>> sendInOrder(List<OutboxRepository.Pending> pending) {
        List<Long> sent = new ArrayList<>();
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(row -> packages.sendMessage(Message.of(row.payload())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.key()).build()))
                        .invoke(() -> sent.add(row.id())))
                .collect().last()
                .onFailure().invoke(e -> LOG.warnf("Kafka did not acknowledge an outbox row: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .map(ignored -> sent);
    }
}
