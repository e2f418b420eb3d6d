package org.fundrbolt.tickets.purchase.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.fundrbolt.tickets.platform.sql.PgErrors;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The sale strategy of the design; bounds the database concurrency of a hot package (ARCHITECTURE.md,
 * Targets): buyers of one package queue here and one {@link SaleTransaction} at a time claims stock for
 * all who are waiting, instead of every request holding a connection while it waits on the same row
 * lock (a lock convoy). Other packages have their own lane, so they never wait for a hot one.
 */
@ApplicationScoped
@Typed(SaleBatcher.class) // injected as a SaleStrategy only through SaleStrategies
public class SaleBatcher implements SaleStrategy {

    private static final Logger LOG = Logger.getLogger(SaleBatcher.class);

    private record Waiting(SaleRequest request, UniEmitter<? super SaleOutcome> emitter) {
    }

    private final SaleTransaction transaction;
    private final int batchSize;
    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();

    public SaleBatcher(SaleTransaction transaction, PurchaseConfig config) {
        this.transaction = transaction;
        this.batchSize = Math.max(1, config.saleBatchSize());
    }

    @Override
    public Uni<SaleOutcome> sell(SaleRequest request) {
        return Uni.createFrom().emitter(emitter -> lanes.computeIfAbsent(request.packageId(), Lane::new)
                .enqueue(new Waiting(request, emitter)));
    }

    /** The queue of one package; at most one transaction of it runs at a time in this replica. */
    private final class Lane {

        private final UUID packageId;
        private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();

        Lane(UUID packageId) {
            this.packageId = packageId;
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

        private void drain() {
            List<Waiting> batch = new ArrayList<>();
            Waiting next;
            while (batch.size() < batchSize && (next = queue.poll()) != null) {
                batch.add(next);
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
                    batch.get(i).emitter().complete(outcomes.get(i));
                }
                drain();
            }, failure -> {
                batch.forEach(waiting -> waiting.emitter().fail(failure));
                drain();
            });
        }

        private Uni<List<SaleOutcome>> sell(List<Waiting> batch) {
            List<SaleRequest> requests = batch.stream().map(Waiting::request).toList();
            if (requests.size() == 1) {
                return oneByOne(requests, 0, new ArrayList<>());
            }
            Uni<List<SaleOutcome>> attempt = transaction.sell(packageId, requests);
            // One buyer's key clash (a repeat racing on another replica) must not fail the others: retry alone.
            return attempt.onFailure(SaleBatcher::isKeyTaken).recoverWithUni(failure -> {
                LOG.debugf("batch of %d for package %s hit a unique key; selling one by one", requests.size(),
                        packageId);
                return oneByOne(requests, 0, new ArrayList<>());
            });
        }

        private Uni<List<SaleOutcome>> oneByOne(List<SaleRequest> requests, int index, List<SaleOutcome> done) {
            if (index == requests.size()) {
                return Uni.createFrom().item(done);
            }
            return transaction.sell(packageId, List.of(requests.get(index)))
                    .map(outcomes -> outcomes.get(0))
                    .onFailure(SaleBatcher::isKeyTaken).recoverWithItem(SaleOutcome.DUPLICATE_KEY)
                    .chain(outcome -> {
                        done.add(outcome);
                        return oneByOne(requests, index + 1, done);
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
