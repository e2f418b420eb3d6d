package org.fundrbolt.tickets.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.fundrbolt.tickets.platform.outbox.Outbox.Pending;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes the outbox to Kafka (channel {@code outbox}; each row names its topic): right after a commit
 * asks for it, and every second for what a failed pass left behind, so a broker outage delays events and
 * never loses one. One replica relays at a time (a transaction-scoped advisory lock named after the
 * service); a pass sends its batch pipelined in id order and marks published only the rows before the
 * first unacknowledged one, so no event of a package ever overtakes an earlier one that is still pending.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** What a pass did, which decides what comes next. */
    enum Outcome {
        /** Sent everything it found, less than a batch: wait for the next commit or tick. */
        DRAINED,
        /** Sent a full batch: more may be waiting, so go on at once. */
        FULL_BATCH,
        /** Another replica holds the lock: look again shortly, in case it read before our commit. */
        LOCKED_ELSEWHERE,
        /** The broker or the database failed: the timer retries. */
        FAILED
    }

    private final Pool pool;
    private final Outbox outbox;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final long lockKey;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong unpublished = new AtomicLong();

    public OutboxRelay(Pool pool, Outbox outbox,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048) MutinyEmitter<String> emitter,
            OutboxConfig config, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        this.lockKey = lockKey(service);
        Gauge.builder("outbox_unpublished", unpublished, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka (relay lag)").register(registry);
    }

    /** The advisory lock every replica of one service agrees on, and no other service shares. */
    static long lockKey(String service) {
        return UUID.nameUUIDFromBytes(("outbox-relay:" + service).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    /** Asks for a pass now; passes never overlap, and a request during one causes another after it. */
    public void trigger() {
        // Set before the compare-and-set: a pass that is just finishing then sees it and runs again.
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            Uni.createFrom().deferred(this::pass).subscribe().with(this::finished, failure -> {
                LOG.warnf("Outbox relay pass failed, the timer retries: %s", failure.toString());
                finished(Outcome.FAILED);
            });
        }
    }

    // Delayed: the emitter is wired to its Kafka channel only once the application has started.
    @Scheduled(every = "${platform.outbox.interval:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        trigger();
    }

    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measureLag() {
        return outbox.countUnpublished(pool).invoke(unpublished::set).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return outbox.prunePublished(pool, config.retention().toSeconds(), config.pruneBatch())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.debugf("Pruned %d published outbox rows", deleted);
                    }
                }).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Outbox pruning failed, retried in a minute: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    private void finished(Outcome outcome) {
        running.set(false);
        boolean requested = again.getAndSet(false);
        switch (outcome) {
            case FULL_BATCH -> trigger();
            case LOCKED_ELSEWHERE -> vertx.setTimer(Math.max(1, config.lockRetry().toMillis()), id -> trigger());
            case DRAINED -> {
                if (requested) {
                    trigger();
                }
            }
            // After a failure the timer retries, so a broker outage is not a busy loop of passes.
            case FAILED -> {
            }
        }
    }

    private Uni<Outcome> pass() {
        return pool.withTransaction(conn -> outbox.tryRelayLock(conn, lockKey).chain(owner -> {
            if (!owner) {
                return Uni.createFrom().item(Outcome.LOCKED_ELSEWHERE);
            }
            return outbox.oldestUnpublished(conn, config.batchSize()).chain(pending -> sendInOrder(pending)
                    .chain(sent -> outbox.markPublished(conn, sent).replaceWith(outcome(pending.size(), sent.size()))));
        }));
    }

    private Outcome outcome(int found, int sent) {
        if (sent < found) {
            return Outcome.FAILED;
        }
        return found >= config.batchSize() ? Outcome.FULL_BATCH : Outcome.DRAINED;
    }

    /**
     * Issues every send at once, in id order, so the producer pipelines them; answers the ids of the rows
     * acknowledged before the first failure. Rows after it are sent again by the next pass, which the
     * consumers' de-duplication by {@code message_id} absorbs.
     */
    Uni<List<Long>> sendInOrder(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Boolean>> sends = new ArrayList<>(pending.size());
        for (Pending row : pending) {
            Message<String> message = Message.of(row.payload())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withTopic(row.topic()).withKey(row.key()).build());
            sends.add(emitter.sendMessage(message).replaceWith(Boolean.TRUE)
                    .onFailure()
                    .invoke(e -> LOG.debugf("Kafka did not acknowledge outbox row %d: %s", row.id(), e.toString()))
                    .onFailure().recoverWithItem(Boolean.FALSE));
        }
        return Uni.join().all(sends).andCollectFailures().map(acks -> {
            List<Long> sent = acknowledgedPrefix(pending, acks);
            if (sent.size() < pending.size()) {
                LOG.warnf("Kafka acknowledged %d of %d outbox rows; the rest wait for the next pass",
                        sent.size(), pending.size());
            }
            return sent;
        });
    }

    /** The ids of the rows acknowledged before the first unacknowledged one, in id order. */
    static List<Long> acknowledgedPrefix(List<Pending> pending, List<Boolean> acks) {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < acks.size() && acks.get(i); i++) {
            sent.add(pending.get(i).id());
        }
        return sent;
    }
}
