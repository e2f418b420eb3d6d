package org.fundrbolt.tickets.media.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.fundrbolt.tickets.media.repository.OutboxRepository;
import org.fundrbolt.tickets.media.repository.OutboxRepository.Pending;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes outbox rows to Kafka: right after the commit that wrote them, and every second for whatever a
 * Kafka outage left behind. One relay at a time across replicas (a transaction-scoped advisory lock), rows
 * in id order and stopping at the first failure, so each package's events keep their order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    // Arbitrary but fixed: the advisory lock key that every media-service replica agrees on.
    private static final long RELAY_LOCK = 0x6D65646961L;
    private static final int BATCH = 100;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final MutinyEmitter<String> emitter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong unpublished = new AtomicLong();

    public OutboxRelay(Pool pool, OutboxRepository outbox, @Channel("media-images") MutinyEmitter<String> emitter,
            MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.emitter = emitter;
        registry.gauge("media.outbox.unpublished", unpublished);
    }

    /** Publishes now (after a commit); if a run is already going, it runs once more when done. */
    public void trigger() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        relay().subscribe().with(published -> finished(), failure -> {
            LOG.warnf("Outbox relay failed, will retry: %s", failure.getMessage());
            finished();
        });
    }

    // Delayed: the emitter is wired to its Kafka channel only once the application has started.
    @Scheduled(every = "1s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryUnpublished() {
        trigger();
        return outbox.countUnpublished(pool).invoke(unpublished::set).replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void finished() {
        running.set(false);
        if (again.getAndSet(false)) {
            trigger();
        }
    }

    private Uni<Integer> relay() {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("locked")
                        ? publishBatch(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return outbox.oldestUnpublished(connection, BATCH).chain(pending -> {
            List<Long> sent = new ArrayList<>();
            return sendInOrder(pending, 0, sent)
                    .onFailure().invoke(failure -> LOG.warnf("Kafka did not acknowledge an outbox event (%d sent): %s",
                            sent.size(), failure.getMessage()))
                    .onFailure().recoverWithNull()
                    .chain(() -> outbox.markPublished(connection, sent))
                    .replaceWith(sent.size());
        });
    }

    private Uni<Void> sendInOrder(List<Pending> pending, int index, List<Long> sent) {
        if (index >= pending.size()) {
            return Uni.createFrom().voidItem();
        }
        Pending row = pending.get(index);
        Message<String> message = Message.of(row.payload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic()).withKey(row.key()).build());
        return emitter.sendMessage(message)
                .invoke(() -> sent.add(row.id()))
                .chain(() -> sendInOrder(pending, index + 1, sent));
    }
}
