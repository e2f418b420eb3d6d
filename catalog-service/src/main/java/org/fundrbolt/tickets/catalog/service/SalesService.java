package org.fundrbolt.tickets.catalog.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.config.CatalogConfig;
import org.fundrbolt.tickets.catalog.domain.Money;
import org.fundrbolt.tickets.catalog.domain.SalesView;
import org.fundrbolt.tickets.catalog.messaging.SaleEvent;
import org.fundrbolt.tickets.catalog.repository.SalesRepository;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The live sales projection: applies sale events (one transaction per batch), and keeps every
 * replica's SSE clients fresh through the Redis key {@code sales:event:{id}} and the channel {@code sales:events}.
 */
@ApplicationScoped
public class SalesService {

    public static final String CHANNEL = "sales:events";
    private static final Logger LOG = Logger.getLogger(SalesService.class);

    /**
     * Stores the figures unless Redis already holds newer ones, in one step: two catalog replicas may compute in
     * one order and write in the other, and the older view must not win (last writer wins would show older figures
     * until the key expires). Newer means a higher sum of the packages' inventory versions, which only ever grows
     * (each package's does, sales and cancellations alike), never larger counts, which a cancellation lowers; equal
     * (a rename) is stored.
     */
    private static final String STORE_IF_NEWER = "local held = redis.call('GET', KEYS[2]) "
            + "if held and tonumber(held) > tonumber(ARGV[2]) then return 0 end "
            + "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3]) redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) "
            + "return 1";

    /** A computed view with the version it reflects (the sum of its packages' inventory versions). */
    private record Versioned(SalesView view, long version) {
    }

    private final Pool pool;
    private final SalesRepository sales;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final CatalogConfig config;

    public SalesService(Pool pool, SalesRepository sales, ReactiveRedisDataSource redis, ObjectMapper mapper,
            CatalogConfig config) {
        this.pool = pool;
        this.sales = sales;
        this.redis = redis;
        this.mapper = mapper;
        this.config = config;
    }

    /** Applies one poll of sale events in one transaction, then refreshes the figures of the events they touch. */
    public Uni<Void> apply(List<SaleEvent> batch) {
        Set<UUID> events = new LinkedHashSet<>();
        batch.forEach(sale -> events.add(sale.eventId()));
        return pool.withTransaction(conn -> sales.apply(conn, batch))
                .flatMap(applied -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndMerge(eventId -> refresh(eventId).onFailure().recoverWithNull())
                        .collect().last().replaceWithVoid());
    }

    /** The figures from Redis while fresh, else from the projection. */
    public Uni<SalesView> view(UUID eventId) {
        return redis.value(String.class).get(key(eventId))
                .onFailure().recoverWithNull()
                .flatMap(cached -> {
                    SalesView view = cached == null ? null : parse(cached);
                    return view != null ? Uni.createFrom().item(view) : compute(eventId);
                });
    }

    /** Recomputes the figures, caches them and tells every replica (fire-and-forget callers log failures). */
    public Uni<SalesView> refresh(UUID eventId) {
        return computeVersioned(eventId).call(versioned -> store(eventId, versioned)).map(Versioned::view);
    }

    private Uni<Void> store(UUID eventId, Versioned versioned) {
        String ttl = String.valueOf(config.sales().cacheTtl().toSeconds());
        return redis.execute(Command.EVAL, STORE_IF_NEWER, "2", key(eventId), key(eventId) + ":version",
                write(versioned.view()), String.valueOf(versioned.version()), ttl)
                .chain(stored -> stored != null && stored.toLong() == 1
                        ? redis.pubsub(String.class).publish(CHANNEL, eventId.toString())
                        : Uni.createFrom().voidItem());
    }

    /** Refreshes after a package change without delaying or failing the answer. */
    public void refreshLater(UUID eventId) {
        refresh(eventId).subscribe().with(view -> {
        }, failure -> LOG.warnf("Could not refresh sales of event %s: %s", eventId, failure.getMessage()));
    }

    private Uni<SalesView> compute(UUID eventId) {
        return computeVersioned(eventId).map(Versioned::view);
    }

    private Uni<Versioned> computeVersioned(UUID eventId) {
        return sales.ofEvent(pool, eventId).map(rows -> {
            long version = 0;
            long sold = 0;
            long tickets = 0;
            long cancelledTickets = 0;
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal refunded = BigDecimal.ZERO;
            BigDecimal donations = BigDecimal.ZERO;
            List<SalesView.PackageFigures> packages = new ArrayList<>();
            for (SalesRepository.PackageSales row : rows) {
                version += row.inventoryVersion();
                sold += row.soldCount();
                tickets += row.tickets();
                cancelledTickets += row.cancelledTickets();
                revenue = revenue.add(row.revenue());
                refunded = refunded.add(row.refunded());
                donations = donations.add(row.donations());
                packages.add(new SalesView.PackageFigures(row.packageId(), row.name(), row.soldCount(),
                        row.quantityLimit(), Money.cents(row.revenue()), Money.cents(row.refunded()),
                        Money.cents(row.donations()), row.cancelledTickets()));
            }
            return new Versioned(new SalesView(eventId, sold, tickets, Money.cents(revenue), Money.cents(refunded),
                    Money.cents(donations), cancelledTickets, packages, Instant.now().truncatedTo(ChronoUnit.MILLIS)),
                    version);
        });
    }

    public String write(SalesView view) {
        try {
            return mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cached view, or null when it is not one this version writes: during a rolling deploy a replica of the
     * previous version may store a view without the refund figures, which is then computed afresh instead.
     */
    private SalesView parse(String json) {
        try {
            SalesView view = mapper.readValue(json, SalesView.class);
            return view.totalRefunded() == null ? null : view;
        } catch (JsonProcessingException e) {
            LOG.debugf("Cached sales view not readable, computed afresh: %s", e.getMessage());
            return null;
        }
    }

    private static String key(UUID eventId) {
        return "sales:event:" + eventId;
    }
}
