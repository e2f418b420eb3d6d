package org.fundrbolt.tickets.catalog.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.client.PurchaseClient;
import org.fundrbolt.tickets.catalog.domain.AuditEntry;
import org.fundrbolt.tickets.catalog.domain.DisplayOrder;
import org.fundrbolt.tickets.catalog.domain.DisplayText;
import org.fundrbolt.tickets.catalog.domain.Money;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;
import org.fundrbolt.tickets.catalog.repository.AuditRepository;
import org.fundrbolt.tickets.catalog.repository.PackageRepository;
import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.rest.Patch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The rules of ticket packages: validation, If-Match, version, audit once sold, the limit and
 * delete decisions taken by purchase-service, and a snapshot in the outbox for every change,
 * all in one transaction per request (nothing is written when any step says no).
 */
@ApplicationScoped
public class PackageService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PackageService.class);

    private final Pool pool;
    private final PackageRepository packages;
    private final AuditRepository audit;
    private final SnapshotOutbox snapshots;
    private final PurchaseClient purchase;
    private final OutboxRelay relay;
    private final SalesService sales;

    public PackageService(Pool pool, PackageRepository packages, AuditRepository audit, SnapshotOutbox snapshots,
            PurchaseClient purchase, OutboxRelay relay, SalesService sales) {
        this.pool = pool;
        this.packages = packages;
        this.audit = audit;
        this.snapshots = snapshots;
        this.purchase = purchase;
        this.relay = relay;
        this.sales = sales;
    }

    public Uni<List<TicketPackage>> list(UUID eventId, boolean enabledOnly) {
        return packages.listByEvent(pool, eventId, enabledOnly);
    }

    public Uni<TicketPackage> get(UUID eventId, UUID packageId) {
        return packages.find(pool, eventId, packageId).map(found -> require(found, packageId));
    }

    public Uni<TicketPackage> create(UUID eventId, PackageFields fields) {
        Instant now = now();
        TicketPackage p = new TicketPackage();
        p.id = UUID.randomUUID();
        p.eventId = eventId;
        p.name = fields.name() == null ? null : DisplayText.normalized(fields.name().strip());
        p.description = DisplayText.normalized(fields.description());
        p.price = fields.price();
        p.quantityLimit = fields.quantityLimit();
        p.enabled = fields.isEnabled() == null || fields.isEnabled();
        p.seatsPerPackage = fields.seatsPerPackage() == null ? 1 : fields.seatsPerPackage();
        p.fairMarketValue = fields.fairMarketValue();
        p.displayOrder = fields.displayOrder() == null ? 0 : fields.displayOrder();
        p.version = 1;
        p.createdAt = now;
        p.updatedAt = now;
        List<FieldError> errors = new ArrayList<>();
        if (fields.name() == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (fields.price() == null) {
            errors.add(new FieldError("price", "is required"));
        }
        validate(p, errors);
        p.price = Money.cents(p.price);
        p.fairMarketValue = Money.cents(p.fairMarketValue);
        return pool.withTransaction(conn -> packages.lockEvent(conn, eventId)
                .chain(() -> fields.displayOrder() != null
                        ? Uni.createFrom().item(fields.displayOrder())
                        : packages.nextDisplayOrder(conn, eventId))
                .invoke(order -> p.displayOrder = order)
                .chain(() -> packages.insert(conn, p))
                .chain(() -> snapshots.record(conn, p, false)))
                .invoke(() -> afterCommit(eventId))
                .replaceWith(p);
    }

    public Uni<TicketPackage> patch(UUID eventId, UUID packageId, UUID userId, Patch<PackageFields> patch,
            Long expectedVersion) {
        return pool.withTransaction(conn -> packages.findForUpdate(conn, eventId, packageId).flatMap(found -> {
            TicketPackage current = require(found, packageId);
            checkVersion(current, expectedVersion);
            TicketPackage next = apply(current, patch);
            List<AuditEntry> changes = Audit.packageChanges(current, next, userId);
            if (changes.isEmpty()) {
                return Uni.createFrom().item(current);
            }
            next.version = current.version + 1;
            next.updatedAt = now();
            // Only a limit that may refuse sales needs purchase-service's word first (it decides against the
            // authoritative sold count); a raise or "unlimited" cannot be refused and travels with the snapshot
            // after our commit, so purchase-service never sells beyond a limit the catalog did not commit.
            Uni<Void> limit = lowers(current.quantityLimit, next.quantityLimit)
                    ? setLimit(next).onFailure(PackageService::outcomeUnknown)
                            .invoke(failure -> compensateLater(eventId, packageId, next.version))
                    : Uni.createFrom().voidItem();
            return limit.chain(() -> packages.update(conn, next))
                    .chain(() -> next.soldCount > 0 ? audit.insertAll(conn, changes) : Uni.createFrom().voidItem())
                    .chain(() -> snapshots.record(conn, next, false))
                    .replaceWith(next);
        })).invoke(() -> afterCommit(eventId));
    }

    /** Whether the new limit can refuse a sale the old one allowed: lower, or limited where it was not. */
    static boolean lowers(Integer before, Integer after) {
        return after != null && (before == null || after < before);
    }

    /** The call may have changed purchase-service although it failed (timeout, reset): not a definite no. */
    private static boolean outcomeUnknown(Throwable failure) {
        return failure instanceof DomainException problem && problem.status() == 503;
    }

    /**
     * ARCHITECTURE.md, "No orphaned outcome": purchase-service may hold {@code attempted} (a limit or a retire
     * whose answer we never got) while our transaction rolled back. Once it has, commit a newer version of
     * the package as it stands and publish its snapshot: version fencing lets that one win in purchase-service,
     * which restores the truth everywhere. Retried in the background until it commits.
     */
    private void compensateLater(UUID eventId, UUID packageId, long attempted) {
        // Its row lock waits for the failed transaction's rollback, so it always sees the committed state.
        pool.withTransaction(conn -> packages.findForUpdate(conn, eventId, packageId)
                .flatMap(found -> {
                    if (found == null) {
                        return Uni.createFrom().voidItem();
                    }
                    TicketPackage restored = copy(found);
                    restored.version = Math.max(restored.version, attempted) + 1;
                    restored.updatedAt = now();
                    return packages.update(conn, restored).chain(() -> snapshots.record(conn, restored, false));
                }))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(done -> afterCommit(eventId),
                        failure -> LOG.errorf("could not compensate package %s: %s", packageId, failure.toString()));
    }

    /** Hard delete only when purchase-service says nothing was ever sold; otherwise keep it disabled. */
    public Uni<Void> delete(UUID eventId, UUID packageId, UUID userId, Long expectedVersion) {
        return pool.withTransaction(conn -> packages.findForUpdate(conn, eventId, packageId).flatMap(found -> {
            TicketPackage current = require(found, packageId);
            checkVersion(current, expectedVersion);
            long nextVersion = current.version + 1;
            return purchase.retire(eventId, packageId, nextVersion)
                    .onFailure(e -> !(e instanceof DomainException))
                    .transform(e -> DomainException.dependencyUnavailable("purchase-service"))
                    .onFailure(PackageService::outcomeUnknown)
                    .invoke(failure -> compensateLater(eventId, packageId, nextVersion))
                    .flatMap(retired -> {
                        int sold = retired.soldCount();
                        TicketPackage next = copy(current);
                        next.version = nextVersion;
                        next.updatedAt = now();
                        // hard delete only when nothing was ever sold: a package whose sales were all cancelled
                        // has sold_count 0 but keeps its purchases, so it is only disabled
                        if (!retired.everSold() && current.soldCount == 0) {
                            return packages.delete(conn, packageId).chain(() -> snapshots.record(conn, next, true));
                        }
                        next.enabled = false;
                        // The owner's count, taken now, is newer than the projection's (a cancellation lowers it).
                        next.soldCount = sold;
                        return packages.update(conn, next)
                                .chain(() -> audit.insertAll(conn,
                                        List.of(Audit.disabled(next, current.enabled, userId))))
                                .chain(() -> snapshots.record(conn, next, false));
                    });
        })).invoke(() -> afterCommit(eventId));
    }

    /** Locks the event's packages first (in id order), so two reorders of one event never interleave. */
    public Uni<List<TicketPackage>> reorder(UUID eventId, UUID userId, List<String> packageIds) {
        return pool.withTransaction(conn -> packages.lockEvent(conn, eventId)
                .chain(() -> packages.lockAllOfEvent(conn, eventId))
                .flatMap(all -> {
                    List<TicketPackage> ordered = inRequestedOrder(all, packageIds);
                    Uni<Void> writes = Uni.createFrom().voidItem();
                    List<TicketPackage> result = new ArrayList<>();
                    for (int position = 0; position < ordered.size(); position++) {
                        TicketPackage current = ordered.get(position);
                        if (current.displayOrder == position) {
                            result.add(current);
                            continue;
                        }
                        TicketPackage next = copy(current);
                        next.displayOrder = position;
                        next.version = current.version + 1;
                        next.updatedAt = now();
                        result.add(next);
                        writes = writes.chain(() -> moved(conn, current, next, userId));
                    }
                    return writes.replaceWith(result);
                }))
                .invoke(() -> afterCommit(eventId));
    }

    public Uni<List<AuditEntry>> auditTrail(UUID eventId, UUID packageId) {
        return get(eventId, packageId).chain(() -> audit.newestFirst(pool, eventId, packageId));
    }

    private Uni<Void> moved(SqlConnection conn, TicketPackage before, TicketPackage after, UUID userId) {
        return packages.update(conn, after)
                .chain(() -> before.soldCount > 0
                        ? audit.insertAll(conn, Audit.packageChanges(before, after, userId))
                        : Uni.createFrom().voidItem())
                .chain(() -> snapshots.record(conn, after, false));
    }

    private static List<TicketPackage> inRequestedOrder(List<TicketPackage> all, List<String> packageIds) {
        if (packageIds == null) {
            throw invalidReorder("package_ids is required and must list every package of the event.");
        }
        Map<UUID, TicketPackage> byId = new HashMap<>();
        all.forEach(p -> byId.put(p.id, p));
        Set<UUID> seen = new HashSet<>();
        List<TicketPackage> ordered = new ArrayList<>();
        for (String text : packageIds) {
            UUID id;
            try {
                id = text == null ? null : UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                id = null;
            }
            if (id == null || !byId.containsKey(id)) {
                throw invalidReorder("'" + text + "' is not a package of this event.");
            }
            if (!seen.add(id)) {
                throw invalidReorder("Package " + id + " is listed more than once.");
            }
            ordered.add(byId.get(id));
        }
        if (ordered.size() != all.size()) {
            throw invalidReorder("package_ids lists " + ordered.size() + " of the event's " + all.size()
                    + " packages; list every package exactly once.");
        }
        return ordered;
    }

    private static DomainException invalidReorder(String detail) {
        return new DomainException(422, "invalid_reorder", detail);
    }

    private Uni<Void> setLimit(TicketPackage next) {
        return purchase.setLimit(next.eventId, next.id, next.quantityLimit, next.version)
                .onFailure(e -> !(e instanceof DomainException))
                .transform(e -> DomainException.dependencyUnavailable("purchase-service"))
                .invoke(outcome -> {
                    if (outcome.belowSold()) {
                        throw DomainException.conflict("quantity_below_sold", "quantity_limit " + next.quantityLimit
                                + " is below the number of packages already sold.");
                    }
                    // The owner's count, taken now, is newer than the projection's (a cancellation lowers it).
                    next.soldCount = outcome.soldCount();
                })
                .replaceWithVoid();
    }

    private void afterCommit(UUID eventId) {
        relay.trigger();
        sales.refreshLater(eventId);
    }

    private static TicketPackage apply(TicketPackage current, Patch<PackageFields> patch) {
        PackageFields v = patch.values();
        TicketPackage next = copy(current);
        List<FieldError> errors = new ArrayList<>();
        if (patch.has("name")) {
            next.name = notNull("name", v.name(), errors) == null ? null : DisplayText.normalized(v.name().strip());
        }
        if (patch.has("description")) {
            next.description = DisplayText.normalized(v.description());
        }
        if (patch.has("price")) {
            next.price = notNull("price", v.price(), errors);
        }
        if (patch.has("quantity_limit")) {
            next.quantityLimit = v.quantityLimit();
        }
        if (patch.has("display_order") && notNull("display_order", v.displayOrder(), errors) != null) {
            next.displayOrder = v.displayOrder();
        }
        if (patch.has("is_enabled") && notNull("is_enabled", v.isEnabled(), errors) != null) {
            next.enabled = v.isEnabled();
        }
        if (patch.has("seats_per_package") && notNull("seats_per_package", v.seatsPerPackage(), errors) != null) {
            next.seatsPerPackage = v.seatsPerPackage();
        }
        if (patch.has("fair_market_value")) {
            next.fairMarketValue = v.fairMarketValue();
        }
        validate(next, errors);
        next.price = Money.cents(next.price);
        next.fairMarketValue = Money.cents(next.fairMarketValue);
        return next;
    }

    private static <T> T notNull(String field, T value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "must not be null"));
        }
        return value;
    }

    /** The field rules of API.md; throws one 422 listing every broken field. */
    private static void validate(TicketPackage p, List<FieldError> errors) {
        Set<String> broken = new HashSet<>();
        errors.forEach(e -> broken.add(e.field()));
        if (p.name != null && (p.name.isEmpty() || p.name.length() > 100)) {
            errors.add(new FieldError("name", "must be 1 to 100 characters, not blank"));
        } else {
            DisplayText.lineProblem(p.name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        }
        if (p.description != null && p.description.length() > 2000) {
            errors.add(new FieldError("description", "must be at most 2000 characters"));
        } else {
            DisplayText.paragraphsProblem(p.description)
                    .ifPresent(problem -> errors.add(new FieldError("description", problem)));
        }
        if (p.price != null) {
            if (p.price.signum() < 0 || p.price.compareTo(Money.MAX_PRICE) > 0) {
                errors.add(new FieldError("price", "must be between 0 and 1000000.00"));
            } else if (Money.hasMoreThanCents(p.price)) {
                errors.add(new FieldError("price", "must have at most 2 decimals"));
            }
        }
        if (p.quantityLimit != null && (p.quantityLimit < 1 || p.quantityLimit > 100_000)) {
            errors.add(new FieldError("quantity_limit", "must be null (unlimited) or 1 to 100000"));
        }
        if (!DisplayOrder.valid(p.displayOrder)) {
            errors.add(new FieldError("display_order", DisplayOrder.RULE));
        }
        if (p.seatsPerPackage < 1 || p.seatsPerPackage > 50) {
            errors.add(new FieldError("seats_per_package", "must be 1 to 50"));
        }
        BigDecimal fmv = p.fairMarketValue;
        if (fmv != null) {
            if (fmv.signum() < 0 || (p.price != null && !broken.contains("price") && fmv.compareTo(p.price) > 0)) {
                errors.add(new FieldError("fair_market_value", "must be between 0 and the price"));
            } else if (Money.hasMoreThanCents(fmv)) {
                errors.add(new FieldError("fair_market_value", "must have at most 2 decimals"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    static void checkVersion(TicketPackage current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version) {
            throw new DomainException(412, "version_conflict", "The package changed since you read it (now version "
                    + current.version + "); reload it and try again.", List.of(),
                    Map.of("current_version", current.version));
        }
    }

    static TicketPackage require(TicketPackage found, UUID packageId) {
        if (found == null) {
            throw DomainException.notFound("package_not_found", "No package " + packageId + " in this event.");
        }
        return found;
    }

    static TicketPackage copy(TicketPackage p) {
        TicketPackage c = new TicketPackage();
        c.id = p.id;
        c.eventId = p.eventId;
        c.name = p.name;
        c.description = p.description;
        c.price = p.price;
        c.quantityLimit = p.quantityLimit;
        c.displayOrder = p.displayOrder;
        c.enabled = p.enabled;
        c.seatsPerPackage = p.seatsPerPackage;
        c.fairMarketValue = p.fairMarketValue;
        c.imageUrl = p.imageUrl;
        c.version = p.version;
        c.createdAt = p.createdAt;
        c.updatedAt = p.updatedAt;
        c.soldCount = p.soldCount;
        c.options = new ArrayList<>(p.options);
        return c;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
