package org.fundrbolt.tickets.purchase.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;

/**
 * Bounds the CSV exports (issue M7: ten concurrent 100,000-row exports slowed every checkout): at most
 * {@code purchase.exports.per-user} running per coordinator and {@code purchase.exports.max-concurrent} per
 * replica, each on the exports' own small database pool, never the checkout's. Past either bound the export is
 * refused 429 {@code rate_limited} with {@code Retry-After}; a slot is given back when the stream ends, fails or
 * the client goes away.
 */
@ApplicationScoped
public class ExportGate {

    private static final int RETRY_AFTER_SECONDS = 5;

    private final int perUser;
    private final int maxConcurrent;
    private final AtomicInteger running = new AtomicInteger();
    private final Map<UUID, AtomicInteger> byUser = new ConcurrentHashMap<>();
    private final Counter refused;

    public ExportGate(PurchaseConfig config, MeterRegistry registry) {
        this.perUser = Math.max(1, config.exports().perUser());
        this.maxConcurrent = Math.max(1, config.exports().maxConcurrent());
        this.refused = Counter.builder("purchase_exports_refused_total")
                .description("CSV exports refused because the coordinator or the replica had too many running")
                .register(registry);
        registry.gauge("purchase_exports_running", running);
    }

    /** The export, run once a slot of the user and of the replica is free; refused 429 otherwise. */
    public Multi<String> run(UUID userId, Supplier<Multi<String>> export) {
        AtomicInteger mine = byUser.computeIfAbsent(userId, id -> new AtomicInteger());
        if (mine.incrementAndGet() > perUser) {
            mine.decrementAndGet();
            throw busy("You already have " + perUser + " exports running; wait for one to finish.");
        }
        if (running.incrementAndGet() > maxConcurrent) {
            running.decrementAndGet();
            mine.decrementAndGet();
            throw busy("Too many exports are running right now; try again in a few seconds.");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                running.decrementAndGet();
                mine.decrementAndGet();
            }
        };
        try {
            return export.get().onTermination().invoke(release).onCancellation().invoke(release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private DomainException busy(String detail) {
        refused.increment();
        return new DomainException(429, "rate_limited", detail, java.util.List.of(),
                Map.of("retry_after", String.valueOf(RETRY_AFTER_SECONDS)));
    }
}
