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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.client.PromoClient;
import org.fundrbolt.tickets.catalog.client.PurchaseClient;
import org.fundrbolt.tickets.catalog.domain.AuditEntry;
import org.fundrbolt.tickets.catalog.domain.DisplayOrder;
import org.fundrbolt.tickets.catalog.domain.DisplayText;
import org.fundrbolt.tickets.catalog.domain.Money;
import org.fundrbolt.tickets.catalog.domain.PriceTier;
import org.fundrbolt.tickets.catalog.domain.SalesRules;
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
    private final PromoClient promo;
    private final OutboxRelay relay;
    private final SalesService sales;

    public PackageService(Pool pool, PackageRepository packages, AuditRepository audit, SnapshotOutbox snapshots,
            PurchaseClient purchase, PromoClient promo, OutboxRelay relay, SalesService sales) {
        this.pool = pool;
        this.packages = packages;
        this.audit = audit;
        this.snapshots = snapshots;
        this.purchase = purchase;
        this.promo = promo;
        this.relay = relay;
        this.sales = sales;
    }

    /** Every package of the event, enabled or not (the coordinators' list). */
    public Uni<List<TicketPackage>> list(UUID eventId) {
        return packages.listByEvent(pool, eventId);
    }

    /** The donors' list: enabled public packages; outside their window they stay listed (not on sale). */
    public Uni<List<TicketPackage>> listForDonors(UUID eventId) {
        return packages.listForDonors(pool, eventId, Set.of());
    }

    /**
     * The donors' list with the enabled hidden packages of this event that the code unlocks for this donor, as
     * promo-service decides (an unknown code counts against the donor's anti-guessing limit there).
     */
    public Uni<List<TicketPackage>> listForDonors(UUID eventId, UUID donorId, String code) {
        return promo.unlocks(eventId, donorId, code)
                .onFailure(e -> !(e instanceof DomainException))
                .transform(e -> {
                    LOG.warnf("promo-service could not answer an unlocks call: %s", e.toString());
                    return DomainException.dependencyUnavailable("promo-service");
                })
                .flatMap(unlocked -> packages.listForDonors(pool, eventId, unlocked));
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
        p.salesStartAt = millis(fields.salesStartAt());
        p.salesEndAt = millis(fields.salesEndAt());
        p.minPerOrder = fields.minPerOrder() == null ? SalesRules.MIN_PER_ORDER : fields.minPerOrder();
        p.maxPerOrder = fields.maxPerOrder() == null ? SalesRules.MAX_PER_ORDER : fields.maxPerOrder();
        p.visibility = fields.visibility() == null ? SalesRules.PUBLIC : fields.visibility();
        p.version = 1;
        p.createdAt = now;
        p.updatedAt = now;
        List<FieldError> errors = new ArrayList<>();
        p.priceTiers = priceTiers(fields.priceTiers(), errors);
        if (fields.name() == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (fields.price() == null) {
            errors.add(new FieldError("price", "is required"));
        }
        validate(p, errors);
        inCents(p);
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
        if (patch.has("sales_start_at")) {
            next.salesStartAt = millis(v.salesStartAt());
        }
        if (patch.has("sales_end_at")) {
            next.salesEndAt = millis(v.salesEndAt());
        }
        if (patch.has("min_per_order") && notNull("min_per_order", v.minPerOrder(), errors) != null) {
            next.minPerOrder = v.minPerOrder();
        }
        if (patch.has("max_per_order") && notNull("max_per_order", v.maxPerOrder(), errors) != null) {
            next.maxPerOrder = v.maxPerOrder();
        }
        if (patch.has("visibility") && notNull("visibility", v.visibility(), errors) != null) {
            next.visibility = v.visibility();
        }
        if (patch.has("price_tiers")) {
            next.priceTiers = priceTiers(v.priceTiers(), errors);
        }
        // The rules below hold for the merged package: a window, limits or tiers are checked whole.
        validate(next, errors);
        inCents(next);
        return next;
    }

    /** Money as stored: rounded to cents once validation has refused more than two decimals. */
    private static void inCents(TicketPackage p) {
        p.price = Money.cents(p.price);
        p.fairMarketValue = Money.cents(p.fairMarketValue);
        p.priceTiers = p.priceTiers.stream()
                .map(tier -> new PriceTier(tier.label(), Money.cents(tier.price()), tier.endsAt())).toList();
    }

    /**
     * The tiers as sent (null = none), labels trimmed and normalised like names, instants to milliseconds; a null
     * entry is an error of its own, the rules of the others are {@link #validate}'s.
     */
    private static List<PriceTier> priceTiers(List<PriceTierFields> sent, List<FieldError> errors) {
        if (sent == null) {
            return List.of();
        }
        List<PriceTier> tiers = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            PriceTierFields tier = sent.get(i);
            if (tier == null) {
                errors.add(new FieldError("price_tiers[" + i + "]", "must be an object with label, price and ends_at"));
                continue;
            }
            tiers.add(new PriceTier(tier.label() == null ? null : DisplayText.normalized(tier.label().strip()),
                    tier.price(), millis(tier.endsAt())));
        }
        return tiers;
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
            priceProblem(p.price).ifPresent(problem -> errors.add(new FieldError("price", problem)));
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
        validateSalesRules(p, errors);
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    /** Window, per-order limits, visibility and tiers (API.md, "Sales rules"). */
    private static void validateSalesRules(TicketPackage p, List<FieldError> errors) {
        boolean startValid = instantInRange("sales_start_at", p.salesStartAt, errors);
        boolean endValid = instantInRange("sales_end_at", p.salesEndAt, errors);
        if (startValid && endValid && p.salesStartAt != null && p.salesEndAt != null
                && !p.salesEndAt.isAfter(p.salesStartAt)) {
            errors.add(new FieldError("sales_end_at", "must be after sales_start_at"));
        }
        boolean minValid = perOrderInRange("min_per_order", p.minPerOrder, errors);
        boolean maxValid = perOrderInRange("max_per_order", p.maxPerOrder, errors);
        if (minValid && maxValid && p.maxPerOrder < p.minPerOrder) {
            errors.add(new FieldError("max_per_order", "must be at least min_per_order (" + p.minPerOrder + ")"));
        }
        if (p.visibility != null && !SalesRules.PUBLIC.equals(p.visibility)
                && !SalesRules.HIDDEN.equals(p.visibility)) {
            errors.add(new FieldError("visibility", "must be public or hidden"));
        }
        if (p.priceTiers.size() > SalesRules.MAX_TIERS) {
            errors.add(new FieldError("price_tiers", "must have at most " + SalesRules.MAX_TIERS + " entries"));
        }
        Instant previousEnd = null;
        for (int i = 0; i < p.priceTiers.size(); i++) {
            PriceTier tier = p.priceTiers.get(i);
            String field = "price_tiers[" + i + "].";
            if (tier.label() == null) {
                errors.add(new FieldError(field + "label", "is required"));
            } else if (tier.label().isEmpty() || tier.label().length() > 50) {
                errors.add(new FieldError(field + "label", "must be 1 to 50 characters, not blank"));
            } else {
                DisplayText.lineProblem(tier.label())
                        .ifPresent(problem -> errors.add(new FieldError(field + "label", problem)));
            }
            if (tier.price() == null) {
                errors.add(new FieldError(field + "price", "is required"));
            } else {
                priceProblem(tier.price()).ifPresent(problem -> errors.add(new FieldError(field + "price", problem)));
            }
            if (tier.endsAt() == null) {
                errors.add(new FieldError(field + "ends_at", "is required"));
            } else if (instantInRange(field + "ends_at", tier.endsAt(), errors)) {
                if (previousEnd != null && !tier.endsAt().isAfter(previousEnd)) {
                    errors.add(new FieldError(field + "ends_at",
                            "must be after price_tiers[" + (i - 1) + "].ends_at (tiers run one after another)"));
                }
                previousEnd = tier.endsAt();
            }
        }
    }

    /** Why an amount cannot be a price (of the package or a tier), or empty when it can. */
    private static Optional<String> priceProblem(BigDecimal price) {
        if (price.signum() < 0 || price.compareTo(Money.MAX_PRICE) > 0) {
            return Optional.of("must be between 0 and 1000000.00");
        }
        return Money.hasMoreThanCents(price) ? Optional.of("must have at most 2 decimals") : Optional.empty();
    }

    private static boolean instantInRange(String field, Instant instant, List<FieldError> errors) {
        if (instant == null || SalesRules.inRange(instant)) {
            return true;
        }
        errors.add(new FieldError(field, "must be between " + SalesRules.EARLIEST + " and " + SalesRules.LATEST));
        return false;
    }

    private static boolean perOrderInRange(String field, int value, List<FieldError> errors) {
        if (value >= SalesRules.MIN_PER_ORDER && value <= SalesRules.MAX_PER_ORDER) {
            return true;
        }
        errors.add(new FieldError(field, "must be " + SalesRules.MIN_PER_ORDER + " to " + SalesRules.MAX_PER_ORDER));
        return false;
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
        c.salesStartAt = p.salesStartAt;
        c.salesEndAt = p.salesEndAt;
        c.minPerOrder = p.minPerOrder;
        c.maxPerOrder = p.maxPerOrder;
        c.visibility = p.visibility;
        c.priceTiers = p.priceTiers;
        c.options = new ArrayList<>(p.options);
        return c;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Instants are kept to the millisecond, as the wire shows them. */
    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
