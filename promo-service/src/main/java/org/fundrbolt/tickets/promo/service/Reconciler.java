package org.fundrbolt.tickets.promo.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.client.PurchaseLookup;
import org.fundrbolt.tickets.promo.config.PromoConfig;
import org.fundrbolt.tickets.promo.repository.ApplicationRepository;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Step 7 of the sale (ARCHITECTURE.md) under "Only the owner of a fact may declare it false": a redemption
 * whose sale event has not arrived after {@code promo.reconcile.max-age} is settled by asking
 * purchase-service, which owns purchases. Committed → the use is confirmed (its event is only late: a
 * stalled relay or a Kafka outage); no such purchase → the use is given back. No answer → nothing changes
 * and the next run asks again. Age alone never releases a use.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** What one run did. */
    public record Settled(int confirmed, int released, int unknown) {
    }

    /** What happened to one redemption. */
    private enum Verdict {
        CONFIRMED, RELEASED, UNKNOWN
    }

    private final Pool pool;
    private final ApplicationRepository applications;
    private final PurchaseLookup purchases;
    private final PromoConfig config;

    public Reconciler(Pool pool, ApplicationRepository applications, PurchaseLookup purchases, PromoConfig config) {
        this.pool = pool;
        this.applications = applications;
        this.purchases = purchases;
        this.config = config;
    }

    @Scheduled(every = "${promo.reconcile.every:30s}", delayed = "${promo.reconcile.every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return settle(config.reconcile().maxAge())
                // A day is far past any redeem's timeout: no late redeem can meet such a release any more.
                .call(() -> applications.forgetReleasesBefore(pool, Duration.ofDays(1)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Promo reconciliation failed, will retry: %s", failure.getMessage());
                    return null;
                }).replaceWithVoid();
    }

    /** Settles one batch of redemptions older than {@code maxAge} whose sale event has not arrived. */
    public Uni<Settled> settle(Duration maxAge) {
        return applications.unconfirmed(pool, maxAge, config.reconcile().batchSize())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::settle)
                        .collect().asList())
                .map(verdicts -> new Settled(count(verdicts, Verdict.CONFIRMED), count(verdicts, Verdict.RELEASED),
                        count(verdicts, Verdict.UNKNOWN)))
                .invoke(settled -> {
                    if (settled.confirmed() + settled.released() + settled.unknown() > 0) {
                        LOG.infof("Promo reconciliation: %d confirmed (sale event late), %d released (no purchase), "
                                + "%d left for the next run (purchase-service did not answer)", settled.confirmed(),
                                settled.released(), settled.unknown());
                    }
                });
    }

    private Uni<Verdict> settle(UUID purchaseId) {
        return purchases.committed(purchaseId)
                .chain(committed -> committed
                        ? applications.confirm(pool, purchaseId).replaceWith(Verdict.CONFIRMED)
                        : applications.release(pool, purchaseId).replaceWith(Verdict.RELEASED))
                .onFailure().recoverWithItem(Verdict.UNKNOWN);
    }

    private static int count(java.util.List<Verdict> verdicts, Verdict verdict) {
        return (int) verdicts.stream().filter(verdict::equals).count();
    }
}
