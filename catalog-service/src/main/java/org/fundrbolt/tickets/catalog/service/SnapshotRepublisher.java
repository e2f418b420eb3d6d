package org.fundrbolt.tickets.catalog.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.TicketPackage;
import org.fundrbolt.tickets.catalog.repository.PackageRepository;
import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * ARCHITECTURE.md, "No orphaned outcome": every package's current snapshot is published again
 * periodically ({@code catalog.republish-interval}, 15 min by default), so a snapshot lost on the way
 * heals by itself. Harmless by design: consumers apply a snapshot only over an older version, so every
 * replica may republish on its own schedule; one event per transaction.
 */
@ApplicationScoped
public class SnapshotRepublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotRepublisher.class);

    private final Pool pool;
    private final PackageRepository packages;
    private final SnapshotOutbox snapshots;
    private final OutboxRelay relay;

    public SnapshotRepublisher(Pool pool, PackageRepository packages, SnapshotOutbox snapshots, OutboxRelay relay) {
        this.pool = pool;
        this.packages = packages;
        this.snapshots = snapshots;
        this.relay = relay;
    }

    @Scheduled(every = "${catalog.republish-interval:15m}", delayed = "${catalog.republish-interval:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> republishAll() {
        return republish().invoke(count -> {
            if (count > 0) {
                LOG.infof("Republished the snapshots of %d events", count);
            }
        }).onFailure().invoke(e -> LOG.warnf("Snapshot republish failed, retried next time: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Publishes every package's current snapshot again; answers how many events it covered. */
    public Uni<Integer> republish() {
        return pool.query("SELECT DISTINCT event_id FROM ticket_packages").execute()
                .map(rows -> {
                    List<UUID> events = new java.util.ArrayList<>();
                    rows.forEach(row -> events.add(row.getUUID("event_id")));
                    return events;
                })
                .chain(events -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(this::republish)
                        .collect().asList().map(done -> events.size()))
                .invoke(relay::trigger);
    }

    private Uni<Void> republish(UUID eventId) {
        return pool.withTransaction(conn -> packages.listByEvent(conn, eventId)
                .chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate((TicketPackage p) -> snapshots.record(conn, p, false))
                        .collect().last()))
                .replaceWithVoid();
    }
}
