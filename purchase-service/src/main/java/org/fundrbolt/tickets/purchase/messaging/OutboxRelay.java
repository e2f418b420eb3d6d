package org.fundrbolt.tickets.purchase.messaging;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox (ARCHITECTURE.md, step 6): right after a commit and every second, so a sale
 * event is delayed by a Kafka outage but never lost. One relay at a time across replicas (an advisory
 * lock), rows in id order, so each package's events keep their order; unpublished rows are a gauge.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x5055524348415345L; // "PURCHASE"
    private static final int BATCH = 500;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong unpublished = new AtomicLong();

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        registry.gauge("outbox.unpublished", unpublished);
    }

    /** Asks for a publish pass now; passes never overlap, a request during one causes another. */
    public void trigger() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            Uni.createFrom().deferred(this::pass).subscribe().with(published -> finish(), failure -> {
                LOG.debugf("outbox pass failed, the timer retries: %s", failure.toString());
                finish();
            });
        }
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        trigger();
    }

    @Scheduled(every = "10s", delayed = "2s")
    Uni<Void> measureLag() {
        return pool.query("SELECT count(*) AS n FROM outbox WHERE published_at IS NULL").execute()
                .invoke(rows -> unpublished.set(rows.iterator().next().getLong("n"))).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private void finish() {
        running.set(false);
        if (again.get()) {
            trigger();
        }
    }

    private Uni<Integer> pass() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(LOCK_ID))
                .chain(locked -> {
                    if (!locked.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(0);
                    }
                    return connection.preparedQuery("SELECT id, topic, message_key, payload::text AS payload FROM outbox "
                            + "WHERE published_at IS NULL ORDER BY id LIMIT $1").execute(Tuple.of(BATCH))
                            .chain(rows -> {
                                List<Row> pending = new ArrayList<>();
                                rows.forEach(pending::add);
                                if (pending.isEmpty()) {
                                    return Uni.createFrom().item(0);
                                }
                                List<Uni<Void>> sends = pending.stream().map(this::send).toList();
                                Long[] ids = pending.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
                                return Uni.join().all(sends).andFailFast()
                                        .chain(() -> connection.preparedQuery(
                                                "UPDATE outbox SET published_at = $2 WHERE id = ANY($1)")
                                                .execute(Tuple.of(ids, OffsetDateTime.now())))
                                        .map(done -> {
                                            if (pending.size() == BATCH) {
                                                again.set(true);
                                            }
                                            return pending.size();
                                        });
                            });
                }));
    }

    private Uni<Void> send(Row row) {
        Message<String> message = Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic")).withKey(row.getString("message_key")).build());
        return emitter.sendMessage(message);
    }
}
