package org.fundrbolt.tickets.purchase.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;

import org.fundrbolt.tickets.platform.sql.PgErrors;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * The sale strategy of the design; bounds the database concurrency of a hot package (ARCHITECTURE.md,
 * Targets): buyers of one package queue here and one {@link SaleTransaction} at a time claims stock for
 * all who are waiting, instead of every request holding a connection while it waits on the same row
 * lock (a lock convoy). Other packages have their own lane, so they never wait for a hot one.
 * <p>
 * Waiting is bounded (ARCHITECTURE.md, "Bounded waiting"): a lane holds at most {@code sale-queue-limit}
 * buyers (the next is answered busy), every buyer has a deadline (a timer answers them expired if no claim
 * took them by then, and a claim's own lock and statement timeouts end before the earliest deadline in it),
 * a buyer whose request was cancelled (the connection closed) is skipped, and a claim holds at most
 * {@code sale-batch-size} buyers and {@code sale-batch-seats} seats.
 */
@ApplicationScoped
@Typed(SaleBatcher.class) // injected as a SaleStrategy only through SaleStrategies
public class SaleBatcher implements SaleStrategy {

    private static final Logger LOG = Logger.getLogger(SaleBatcher.class);

    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int EXPIRED = 2;
    private static final int ABANDONED = 3;

    /** One buyer in a lane; exactly one of the claim, the deadline's timer and a cancellation settles them. */
    private static final class Waiting {

        final SaleRequest request;
        final UniEmitter<? super SaleOutcome> emitter;
        final AtomicInteger state = new AtomicInteger(WAITING);
        volatile long timer = -1;

        Waiting(SaleRequest request, UniEmitter<? super SaleOutcome> emitter) {
            this.request = request;
            this.emitter = emitter;
        }

        boolean settle(int to) {
            return state.compareAndSet(WAITING, to);
        }
    }

    private final SaleTransaction transaction;
    private final Vertx vertx;
    private final int batchSize;
    private final int batchSeats;
    private final int queueLimit;
    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final Counter busy;
    private final Counter expired;
    private final Counter abandoned;
    private volatile boolean stopping;

    public SaleBatcher(SaleTransaction transaction, PurchaseConfig config, Vertx vertx, MeterRegistry registry) {
        this.transaction = transaction;
        this.vertx = vertx;
        this.batchSize = Math.max(1, config.saleBatchSize());
        this.batchSeats = Math.max(1, config.saleBatchSeats());
        this.queueLimit = Math.max(1, config.saleQueueLimit());
        this.busy = refused(registry, "busy");
        this.expired = refused(registry, "expired");
        this.abandoned = refused(registry, "abandoned");
        registry.gauge("purchase_sale_queue_depth", lanes,
                all -> all.values().stream().mapToInt(lane -> lane.depth.get()).sum());
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("purchase_sale_queue_refused_total")
                .description("Buyers answered without a claim: the package's queue was full (busy), their deadline "
                        + "passed (expired) or their request was cancelled (abandoned)")
                .tag("reason", reason).register(registry);
    }

    @Override
    public Uni<SaleOutcome> sell(SaleRequest request) {
        return Uni.createFrom().emitter(emitter -> {
            if (stopping) {
                busy.increment();
                emitter.complete(SaleOutcome.BUSY);
                return;
            }
            Waiting waiting = new Waiting(request, emitter);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(request.remainingNanos());
            if (remainingMillis <= 0) {
                waiting.settle(EXPIRED);
                expired.increment();
                emitter.complete(SaleOutcome.EXPIRED);
                return;
            }
            emitter.onTermination(() -> {
                if (waiting.settle(ABANDONED)) {
                    abandoned.increment();
                    cancelTimer(waiting);
                }
            });
            Lane lane = lanes.computeIfAbsent(request.packageId(), Lane::new);
            if (!lane.admit()) {
                waiting.settle(EXPIRED);
                busy.increment();
                emitter.complete(SaleOutcome.BUSY);
                return;
            }
            waiting.timer = vertx.setTimer(remainingMillis, id -> {
                if (waiting.settle(EXPIRED)) {
                    expired.increment();
                    emitter.complete(SaleOutcome.EXPIRED);
                }
            });
            lane.enqueue(waiting);
        });
    }

    /**
     * Shutdown (a rolling deploy): new buyers are refused 503 at once, and those already queued are claimed
     * or answered by their deadline while the HTTP server waits for in-flight requests
     * ({@code quarkus.shutdown.timeout}).
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        int queued = lanes.values().stream().mapToInt(lane -> lane.depth.get()).sum();
        if (queued > 0) {
            LOG.infof("shutting down with %d buyers queued: they are claimed or answered before the server stops",
                    queued);
        }
    }

    private void cancelTimer(Waiting waiting) {
        long timer = waiting.timer;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The queue of one package; at most one transaction of it runs at a time in this replica. */
    private final class Lane {

        private final UUID packageId;
        private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();
        /** Buyers admitted and not yet taken off the queue (ConcurrentLinkedQueue.size() walks the queue). */
        final AtomicInteger depth = new AtomicInteger();

        Lane(UUID packageId) {
            this.packageId = packageId;
        }

        boolean admit() {
            if (depth.incrementAndGet() > queueLimit) {
                depth.decrementAndGet();
                return false;
            }
            return true;
        }

        void enqueue(Waiting waiting) {
            queue.add(waiting);
            drainIfIdle();
        }

        private void drainIfIdle() {
            if (running.compareAndSet(false, true)) {
                drain();
            }
        }

        /** Only the lane's one running drain polls, so a peek followed by a poll takes the same buyer. */
        private void drain() {
            List<Waiting> batch = new ArrayList<>();
            int seats = 0;
            Waiting next;
            while (batch.size() < batchSize && (next = queue.peek()) != null) {
                if (!batch.isEmpty() && seats + next.request.seats() > batchSeats) {
                    break;
                }
                queue.poll();
                depth.decrementAndGet();
                if (next.request.remainingNanos() <= 0) {
                    if (next.settle(EXPIRED)) {
                        expired.increment();
                        cancelTimer(next);
                        next.emitter.complete(SaleOutcome.EXPIRED);
                    }
                    continue;
                }
                if (!next.settle(TAKEN)) {
                    continue; // expired by its timer or cancelled: nobody waits for it any more
                }
                cancelTimer(next);
                batch.add(next);
                seats += next.request.seats();
            }
            if (batch.isEmpty()) {
                running.set(false);
                // A buyer may have queued between the poll and the reset: do not strand them.
                if (!queue.isEmpty()) {
                    drainIfIdle();
                }
                return;
            }
            sell(batch).subscribe().with(outcomes -> {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).emitter.complete(outcomes.get(i));
                }
                drain();
            }, failure -> {
                batch.forEach(waiting -> waiting.emitter.fail(failure));
                drain();
            });
        }

        private Uni<List<SaleOutcome>> sell(List<Waiting> batch) {
            List<SaleRequest> requests = batch.stream().map(waiting -> waiting.request).toList();
            if (requests.size() == 1) {
                return oneByOne(requests, 0, new ArrayList<>());
            }
            // One buyer's key clash (a repeat racing on another replica) must not fail the others: retry alone.
            return claim(requests).onFailure(SaleBatcher::isKeyTaken).recoverWithUni(failure -> {
                LOG.debugf("batch of %d for package %s hit a unique key; selling one by one", requests.size(),
                        packageId);
                return oneByOne(requests, 0, new ArrayList<>());
            });
        }

        private Uni<List<SaleOutcome>> oneByOne(List<SaleRequest> requests, int index, List<SaleOutcome> done) {
            if (index == requests.size()) {
                return Uni.createFrom().item(done);
            }
            SaleRequest request = requests.get(index);
            Uni<SaleOutcome> one = request.remainingNanos() <= 0
                    ? Uni.createFrom().item(SaleOutcome.EXPIRED)
                    : claim(List.of(request)).map(outcomes -> outcomes.get(0))
                            .onFailure(SaleBatcher::isKeyTaken).recoverWithItem(SaleOutcome.DUPLICATE_KEY);
            return one.chain(outcome -> {
                done.add(outcome);
                return oneByOne(requests, index + 1, done);
            });
        }

        /**
         * One claim transaction, bounded by the earliest deadline among its buyers: its lock wait and each of its
         * statements time out before then, and a timed-out claim wrote nothing, so its buyers are expired.
         */
        private Uni<List<SaleOutcome>> claim(List<SaleRequest> requests) {
            long remaining = requests.stream().mapToLong(SaleRequest::remainingNanos).min().orElse(0);
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
            return transaction.sell(packageId, requests, millis).onFailure(PgErrors::isTimedOut).recoverWithItem(
                    failure -> {
                        LOG.warnf("a claim of %d buyers for package %s timed out after %d ms (a held row lock or a "
                                + "slow database); nothing was sold to them", requests.size(), packageId, millis);
                        expired.increment(requests.size());
                        return Collections.nCopies(requests.size(), SaleOutcome.EXPIRED);
                    });
        }
    }

    /**
     * A buyer's Idempotency-Key was committed meanwhile by another request: its unique index said so, or the
     * purchases' primary key did (a keyed purchase's id is derived from the donor and the key, so the same id
     * is the same purchase; random ids never meet). Any other unique violation is a fault of its own, never
     * answered as a stored purchase.
     */
    static boolean isKeyTaken(Throwable failure) {
        return PgErrors.isUniqueViolation(failure, SaleRepository.IDEMPOTENCY_KEY_INDEX)
                || PgErrors.isUniqueViolation(failure, SaleRepository.PURCHASE_ID_INDEX);
    }
}
