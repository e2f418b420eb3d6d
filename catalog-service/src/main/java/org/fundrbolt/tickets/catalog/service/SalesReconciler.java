package org.fundrbolt.tickets.catalog.service;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fundrbolt.tickets.catalog.client.PurchaseFiguresApi;
import org.fundrbolt.tickets.catalog.client.PurchaseFiguresApi.Cursor;
import org.fundrbolt.tickets.catalog.repository.SalesRepository;
import org.fundrbolt.tickets.platform.client.ServiceToken;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * ARCHITECTURE.md, "Projections converge from the truth": every {@code catalog.sales-reconcile-interval} the
 * sales view is compared with purchase-service's cumulative figures of the packages changed since the last pass
 * (all of them on the first pass after start-up), and a package whose view is behind takes the owner's figures
 * (sold, seats, revenue, refunds, donations, cancelled seats). A sale or cancellation event lost on the way (a DLQ,
 * a failed batch) is so repaired within one interval, sold-out packages included. Harmless on every replica: the
 * newest inventory version wins (never the larger sold count, which a cancellation lowers), equal figures are left
 * alone.
 */
@ApplicationScoped
public class SalesReconciler {

    private static final Logger LOG = Logger.getLogger(SalesReconciler.class);
    private static final int PAGE = 500;
    /**
     * A row's updated_at is its transaction's start: a claim that started earlier may commit after a later one.
     * Each pass therefore reads again from this long before the newest change it saw (longer than a sale may last).
     */
    private static final java.time.Duration OVERLAP = java.time.Duration.ofMinutes(1);

    private final PurchaseFiguresApi purchase;
    private final ServiceToken token;
    private final Pool pool;
    private final SalesRepository sales;
    private final SalesService views;
    private final Counter repaired;
    private final boolean enabled;
    private volatile OffsetDateTime cursor;

    public SalesReconciler(@RestClient PurchaseFiguresApi purchase, ServiceToken token, Pool pool,
            SalesRepository sales, SalesService views, MeterRegistry registry,
            @ConfigProperty(name = "catalog.sales-reconcile-enabled", defaultValue = "true") boolean enabled) {
        this.purchase = purchase;
        this.token = token;
        this.pool = pool;
        this.sales = sales;
        this.views = views;
        this.enabled = enabled;
        this.repaired = Counter.builder("catalog_sales_reconciled_total")
                .description("Events whose sales view was behind purchase-service's figures and was repaired")
                .register(registry);
    }

    @Scheduled(every = "${catalog.sales-reconcile-interval:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return reconcile().onFailure()
                .invoke(e -> LOG.warnf("Sales reconciliation failed, retried next time: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; answers the events whose figures were repaired. */
    public Uni<Set<UUID>> reconcile() {
        OffsetDateTime from = cursor == null ? null : cursor.minus(OVERLAP);
        Set<UUID> changed = new LinkedHashSet<>();
        return page(from == null ? null : from.toString(), null, changed).chain(newest -> {
            if (newest != null && (cursor == null || newest.isAfter(cursor))) {
                cursor = newest;
            } else if (cursor == null) {
                cursor = OffsetDateTime.now().minus(OVERLAP);
            }
            if (changed.isEmpty()) {
                return Uni.createFrom().item(changed);
            }
            LOG.infof("Sales view repaired from purchase-service's figures for %d events", changed.size());
            repaired.increment(changed.size());
            return Multi.createFrom().iterable(changed)
                    .onItem().transformToUniAndConcatenate(event -> views.refresh(event).onFailure().recoverWithNull())
                    .collect().last().replaceWith(changed);
        });
    }

    /** Applies pages from the cursor on; answers the newest updated_at seen. */
    private Uni<OffsetDateTime> page(String updatedAfter, UUID afterPackage, Set<UUID> changed) {
        return purchase.figures(token.bearer(), updatedAfter, afterPackage, PAGE).chain(page -> {
            var rows = page.figures().stream().map(f -> new SalesRepository.Figures(f.packageId(), f.eventId(),
                    f.soldCount(), f.ticketsAfter(), f.revenueAfter(), f.refundedAfter(), f.donationsAfter(),
                    f.cancelledTicketsAfter(), f.inventoryVersion())).toList();
            OffsetDateTime newest = page.figures().isEmpty()
                    ? null
                    : OffsetDateTime.parse(page.figures().get(page.figures().size() - 1).updatedAt());
            return sales.applyFigures(pool, rows).chain(events -> {
                changed.addAll(events);
                Cursor next = page.next();
                if (next == null) {
                    return Uni.createFrom().item(newest);
                }
                return page(next.updatedAfter(), next.afterPackage(), changed)
                        .map(later -> later != null ? later : newest);
            });
        });
    }
}
