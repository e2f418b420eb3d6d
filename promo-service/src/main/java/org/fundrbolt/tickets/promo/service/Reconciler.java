package org.fundrbolt.tickets.promo.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.config.PromoConfig;
import org.fundrbolt.tickets.promo.repository.ApplicationRepository;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Step 7 of the sale (ARCHITECTURE.md): a redemption whose sale never arrived (its purchase died between
 * redeem and commit) is released after {@code promo.reconcile.max-age}, so no use is lost to a crash.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final Pool pool;
    private final ApplicationRepository applications;
    private final PromoConfig config;

    public Reconciler(Pool pool, ApplicationRepository applications, PromoConfig config) {
        this.pool = pool;
        this.applications = applications;
        this.config = config;
    }

    @Scheduled(every = "${promo.reconcile.every:30s}", delayed = "${promo.reconcile.every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return releaseStale().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Promo reconciliation failed, will retry: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Releases one batch of stale redemptions; returns how many uses were given back. */
    public Uni<Integer> releaseStale() {
        return applications.releaseStale(pool, config.reconcile().maxAge(), config.reconcile().batchSize())
                .invoke(released -> {
                    if (released > 0) {
                        LOG.infof("Released %d promo redemptions whose sale never arrived", released);
                    }
                });
    }
}
