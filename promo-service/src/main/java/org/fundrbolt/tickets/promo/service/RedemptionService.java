package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.sql.PgErrors;
import org.fundrbolt.tickets.promo.domain.KnownPackage;
import org.fundrbolt.tickets.promo.domain.Money;
import org.fundrbolt.tickets.promo.domain.PromoApplication;
import org.fundrbolt.tickets.promo.domain.PromoCode;
import org.fundrbolt.tickets.promo.domain.PromoDefinition;
import org.fundrbolt.tickets.promo.repository.ApplicationRepository;
import org.fundrbolt.tickets.promo.repository.KnownPackageRepository;
import org.fundrbolt.tickets.promo.repository.PromoCodeRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Using promo codes: validate (for the donor), redeem and release (for purchase-service), confirm (from the
 * sale event), return (a fully cancelled purchase, from both). A use is counted only by redeem, atomically with its
 * application row (and again by a confirmation of a released one).
 */
@ApplicationScoped
public class RedemptionService {

    public static final int MAX_QUANTITY = 100;
    private static final String UNIQUE_PURCHASE = "uq_promo_code_applications_purchase";

    private final Pool pool;
    private final PromoCodeRepository promos;
    private final ApplicationRepository applications;
    private final KnownPackageRepository packages;
    private final PromoCache cache;
    private final GuessLimiter limiter;
    private final KnownPackageCache knownPackages;

    public RedemptionService(Pool pool, PromoCodeRepository promos, ApplicationRepository applications,
            KnownPackageRepository packages, PromoCache cache, GuessLimiter limiter, KnownPackageCache knownPackages) {
        this.pool = pool;
        this.promos = promos;
        this.applications = applications;
        this.packages = packages;
        this.cache = cache;
        this.limiter = limiter;
        this.knownPackages = knownPackages;
    }

    /** Whether the donor may use the code now, and for how much when the package and quantity are given. */
    public Uni<Validation> validate(UUID eventId, UUID donorId, String code, UUID packageId, Integer quantity) {
        if (quantity != null && (quantity < 1 || quantity > MAX_QUANTITY)) {
            throw DomainException.validation("quantity", "must be between 1 and " + MAX_QUANTITY);
        }
        // The package from memory, and the database only for what must be exact: usage, when the code has limits.
        return guessing(eventId, donorId, code, definition -> judge(definition, donorId, packageId, quantity));
    }

    /**
     * One attempt of the donor at a code, inside their anti-guessing budget: one Redis round trip before judging
     * (the donor's reserved slot and the cached definition), the database on a miss. A malformed or unknown code
     * fails with 404 {@code promo_code_not_found} and keeps its slot, as a guess.
     */
    private <T> Uni<T> guessing(UUID eventId, UUID donorId, String code, Function<PromoDefinition, Uni<T>> verdict) {
        if (!PromoRules.isWellFormedCode(code)) {
            return limiter.guard(donorId, null, nothing -> Uni.createFrom().failure(codeNotFound(code)));
        }
        return limiter.guard(donorId, cache.keyToRead(eventId, code), cached -> {
            PromoDefinition hit = cache.parse(cached);
            return (hit != null ? Uni.createFrom().item(hit) : definitionFromDatabase(eventId, code))
                    .chain(verdict::apply);
        });
    }

    /**
     * Validate's verdict on a code that exists: usable now, for this package, with uses left; the amount off the
     * package's price in force now (checkout charges the one in force when its claim commits).
     */
    private Uni<Validation> judge(PromoDefinition definition, UUID donorId, UUID packageId, Integer quantity) {
        Instant now = Instant.now();
        requireUsable(definition, now);
        return applicableKnownPackage(definition, packageId)
                .call(known -> definition.hasUsageLimits()
                        ? requireUsesLeft(definition, donorId)
                        : Uni.createFrom().voidItem())
                .map(known -> {
                    BigDecimal amount = known == null || quantity == null
                            ? null
                            : definition.discountOn(known.currentPrice(now).multiply(BigDecimal.valueOf(quantity)));
                    return new Validation(true, definition.code(), definition.discountType(),
                            definition.discountValue(), amount);
                });
    }

    /**
     * The hidden packages a code unlocks for the donor (catalog's public list with {@code ?code=}, purchase's
     * checkout): those of a code usable now, none otherwise (a used-up code still unlocks; checkout then answers
     * it is exhausted). An unknown code is a failed guess, counted like validate's before it is looked up, and
     * simply unlocks nothing; an existing code is not a guess, whatever it answers. Read through the cache like
     * validate.
     */
    public Uni<Unlocks> unlocks(UnlockRequest request) {
        requireValid(request);
        String code = request.code();
        return guessing(request.eventId(), request.donorId(), code, definition -> Uni.createFrom()
                .item(new Unlocks(definition.code(), definition.unlockedAt(Instant.now()))))
                // The guess has been counted (the limiter keeps its slot); the caller learns only that nothing is
                // unlocked.
                .onFailure(RedemptionService::isCodeNotFound)
                .recoverWithItem(() -> new Unlocks(PromoRules.normalise(code), List.of()));
    }

    /**
     * Counts one use for a purchase, in one transaction: lock the code's row, a conditional update of its
     * counter, the application row. A repeat for the same purchase returns the first answer.
     */
    public Uni<Redemption> redeem(RedemptionRequest request) {
        requireValid(request);
        return applications.findByPurchase(pool, request.purchaseId()).chain(previous -> {
            if (previous != null && !PromoApplication.RELEASED.equals(previous.status())
                    && sameAttempt(previous, request)) {
                return Uni.createFrom().item(answer(previous));
            }
            return limiter.guard(request.donorId(), null, nothing -> pool
                    .withTransaction(connection -> claim(connection, request))
                    .onFailure(failure -> PgErrors.isUniqueViolation(failure, UNIQUE_PURCHASE))
                    .recoverWithUni(() -> applications.findByPurchase(pool, request.purchaseId()).map(this::answer)));
        });
    }

    /**
     * Redeem's verdict without taking a use: purchase-service asks when the package cannot fit the order, so the
     * code's own refusal still answers first (API.md's order of checks) while a purchase that cannot happen holds
     * no use that other donors would be refused for. Uses held by purchases in flight do not count as exhausted
     * here: they may come back. Counts against the anti-guessing limit like a redeem.
     */
    public Uni<Redemption> check(RedemptionRequest request) {
        requireValid(request);
        String code = request.code();
        return limiter.guard(request.donorId(), null, nothing -> {
            if (!PromoRules.isWellFormedCode(code)) {
                return Uni.createFrom().failure(codeNotFound(code));
            }
            return promos.findByCode(pool, request.eventId(), code).chain(promo -> {
                if (promo == null) {
                    throw codeNotFound(code);
                }
                PromoDefinition definition = promo.definition();
                requireUsable(definition);
                return applicablePackage(pool, definition, request.packageId())
                        .chain(known -> definition.hasUsageLimits()
                                ? usesLeftOrInFlight(promo, request)
                                : Uni.createFrom().voidItem())
                        .map(done -> new Redemption(promo.id(), promo.code(), promo.discountType(),
                                promo.discountValue(), definition.discountOn(request.basePrice())));
            });
        });
    }

    private Uni<Void> usesLeftOrInFlight(PromoCode promo, RedemptionRequest request) {
        return promos.usage(pool, promo.id(), request.donorId()).chain(usage -> {
            if (usage == null) {
                throw codeNotFound(promo.code());
            }
            if (!usage.isExhausted()) {
                return Uni.createFrom().voidItem();
            }
            return promos.usesInFlight(pool, promo.id(), request.donorId(), request.purchaseId()).map(inFlight -> {
                if (!inFlight) {
                    throw exhausted(false);
                }
                return null;
            });
        });
    }

    /**
     * Gives back the use of a purchase whose sale did not happen; nothing to release is fine too. It waits for a redeem
     * of the same purchase still being written, and releases what that wrote. {@code forGood}: purchase-service
     * gave up on the purchase (its redeem timed out, and no other attempt will ever carry its id), so a redeem of it
     * arriving later is refused instead of taking a use nobody would give back.
     */
    public Uni<Void> release(UUID purchaseId, UUID attemptId, boolean forGood) {
        return pool.withTransaction(connection -> applications.lockPurchase(connection, purchaseId)
                .chain(() -> applications.release(connection, purchaseId, attemptId))
                .chain(released -> forGood
                        ? applications.markReleasedForGood(connection, purchaseId)
                        : Uni.createFrom().voidItem()));
    }

    /**
     * Gives back the use of a fully cancelled purchase (from {@code purchase.sales}, and purchase-service's call
     * right after the cancellation commits): the donor may use the code again at once. Idempotent; nothing to
     * return is fine too. The donor's count changes under the same lock of that donor and code as redeem counts it
     * under, and the total on the code's row, which redeem's conditional UPDATE re-checks: so a redeem racing with
     * the return either sees the use given back or is refused, never counts both. Nothing is cached to refresh:
     * the cache holds definitions only, and validate reads usage from the database.
     */
    public Uni<Void> returnUse(UUID purchaseId) {
        // Who holds the use never changes, so it is read outside the transaction; whether it is still to be
        // returned is decided by the conditional statement alone.
        return applications.findByPurchase(pool, purchaseId).chain(application -> {
            if (application == null) {
                return Uni.createFrom().voidItem();
            }
            return pool.withTransaction(connection -> promos
                    .lockDonor(connection, application.promoId(), application.donorId())
                    .chain(() -> applications.returnUse(connection, purchaseId))).replaceWithVoid();
        });
    }

    /** Marks the purchase's use as sold (from {@code purchase.sales}); releases can no longer take it back. */
    public Uni<Boolean> confirm(UUID purchaseId) {
        return applications.confirm(pool, purchaseId);
    }

    /**
     * The use is written first and counted last, so that the code's row is locked only from the counting UPDATE
     * to COMMIT (a popular code must not be a lock convoy, ARCHITECTURE.md): the UPDATE's conditions are re-checked
     * on the newest row when it waited, so the total limit is exact without a lock held across the transaction.
     * A per-donor limit is counted under a lock of that donor and code only (a transaction-scoped advisory lock),
     * which other donors never wait for. A concurrent repeat for the same purchase meets the first one's
     * application on its unique index and answers the first one's use.
     */
    private Uni<Redemption> claim(SqlClient connection, RedemptionRequest request) {
        String code = request.code();
        if (!PromoRules.isWellFormedCode(code)) {
            return Uni.createFrom().failure(codeNotFound(code));
        }
        return applications.lockPurchase(connection, request.purchaseId())
                .chain(() -> applications.releasedForGood(connection, request.purchaseId()))
                .chain(released -> released
                        ? Uni.createFrom().failure(releasedForGood())
                        : claimOf(connection, request, code));
    }

    private Uni<Redemption> claimOf(SqlClient connection, RedemptionRequest request, String code) {
        return promos.findByCode(connection, request.eventId(), code).chain(promo -> {
            if (promo == null) {
                throw codeNotFound(code);
            }
            PromoDefinition definition = promo.definition();
            requireUsable(definition);
            Uni<Void> donorTurn = definition.maxUsesPerDonor() == null
                    ? Uni.createFrom().voidItem()
                    : promos.lockDonor(connection, promo.id(), request.donorId());
            return donorTurn.chain(() -> applications.findByPurchase(connection, request.purchaseId()))
                    .chain(previous -> previous == null
                            ? claimUse(connection, request, promo)
                            : PromoApplication.RELEASED.equals(previous.status())
                                    ? claimAgain(connection, request, promo, previous)
                                    : sameAttempt(previous, request)
                                            ? Uni.createFrom().item(answer(previous))
                                            : applications.takeOver(connection, request.purchaseId(),
                                                    request.attemptId()).replaceWith(answer(previous)));
        });
    }

    /** Whether the redeem comes from the attempt that holds the use (or names none). */
    private static boolean sameAttempt(PromoApplication previous, RedemptionRequest request) {
        return request.attemptId() == null || request.attemptId().equals(previous.attemptId());
    }

    /**
     * A retry of a purchase whose use was given back (a keyed purchase sold out, then retried once stock came back):
     * the use is counted again under the same conditions as a first redeem, never simply answered, so the code's
     * limits stay exact.
     */
    private Uni<Redemption> claimAgain(SqlClient connection, RedemptionRequest request, PromoCode promo,
            PromoApplication previous) {
        PromoDefinition definition = promo.definition();
        return applicablePackage(connection, definition, request.packageId())
                .chain(() -> promos.claimUse(connection, promo.id(), request.donorId(), request.purchaseId()))
                .chain(claimed -> {
                    if (claimed != null) {
                        return applications.redeemAgain(connection, request.purchaseId(), request.attemptId())
                                .replaceWith(answer(previous));
                    }
                    requireUsable(definition);
                    return promos.usesInFlight(connection, promo.id(), request.donorId(), request.purchaseId())
                            .map(inFlight -> {
                                throw exhausted(inFlight);
                            });
                });
    }

    private Uni<Redemption> claimUse(SqlClient connection, RedemptionRequest request, PromoCode promo) {
        PromoDefinition definition = promo.definition();
        return applicablePackage(connection, definition, request.packageId()).chain(() -> {
            BigDecimal discount = definition.discountOn(request.basePrice());
            PromoApplication application = new PromoApplication(UUID.randomUUID(), promo.id(), promo.code(),
                    promo.discountType(), promo.discountValue(), request.purchaseId(), request.eventId(),
                    request.donorId(), request.packageId(),
                    request.quantity(), Money.cents(request.basePrice()), discount, PromoApplication.REDEEMED,
                    request.attemptId());
            return applications.insert(connection, application)
                    .chain(() -> promos.claimUse(connection, promo.id(), request.donorId(), request.purchaseId()))
                    .chain(claimed -> {
                        if (claimed != null) {
                            return Uni.createFrom().item(answer(application));
                        }
                        // The window's edge, a deactivation or a limit; the transaction (and the row above) rolls back.
                        requireUsable(definition);
                        return promos.usesInFlight(connection, promo.id(), request.donorId(), request.purchaseId())
                                .map(inFlight -> {
                                    throw exhausted(inFlight);
                                });
                    });
        });
    }

    private Redemption answer(PromoApplication application) {
        return new Redemption(application.promoId(), application.code(), application.discountType(),
                application.discountValue(), application.discountAmount());
    }

    /** A cache miss: the code's definition from the database, then cached; 404 when the event has no such code. */
    private Uni<PromoDefinition> definitionFromDatabase(UUID eventId, String code) {
        return promos.findByCode(pool, eventId, code).chain(promo -> {
            if (promo == null) {
                return Uni.createFrom().failure(codeNotFound(code));
            }
            return cache.put(promo.definition()).replaceWith(promo.definition());
        });
    }

    private static void requireUsable(PromoDefinition definition) {
        requireUsable(definition, Instant.now());
    }

    private static void requireUsable(PromoDefinition definition, Instant now) {
        if (!definition.isUsableAt(now)) {
            throw new DomainException(410, "promo_code_expired", "The promo code '" + definition.code()
                    + "' is not valid now.");
        }
    }

    /** As {@link #applicablePackage} for validate, with the package from the in-memory cache; it must be known. */
    private Uni<KnownPackage> applicableKnownPackage(PromoDefinition definition, UUID packageId) {
        if (packageId == null) {
            return Uni.createFrom().nullItem();
        }
        if (!definition.appliesTo(packageId)) {
            return Uni.createFrom().failure(notApplicable(definition));
        }
        return knownPackages.find(packageId).map(known -> requireApplicable(definition, known, true));
    }

    /**
     * The package, if one was named, must be in the code's scope; for an empty scope it must at least not be
     * known as another event's or a deleted package. Returns the known package (null when none was named or
     * it has not been seen yet on a redeem, whose price comes from purchase-service).
     */
    private Uni<KnownPackage> applicablePackage(SqlClient client, PromoDefinition definition, UUID packageId) {
        if (packageId == null) {
            return Uni.createFrom().nullItem();
        }
        if (!definition.appliesTo(packageId)) {
            return Uni.createFrom().failure(notApplicable(definition));
        }
        return packages.find(client, packageId).map(known -> requireApplicable(definition, known, false));
    }

    /** A known package must be a live, priced package of the code's event; an unknown one only passes a redeem. */
    private static KnownPackage requireApplicable(PromoDefinition definition, KnownPackage known, boolean mustBeKnown) {
        if (known == null
                ? mustBeKnown
                : known.deleted() || !known.eventId().equals(definition.eventId()) || known.price() == null) {
            throw notApplicable(definition);
        }
        return known;
    }

    /** Usage limits are always read from the database, never from the cache. */
    private Uni<Void> requireUsesLeft(PromoDefinition definition, UUID donorId) {
        return promos.usage(pool, definition.id(), donorId).invoke(usage -> {
            if (usage == null) {
                throw codeNotFound(definition.code());
            }
            if (usage.isExhausted()) {
                throw exhausted();
            }
        }).replaceWithVoid();
    }

    private static void requireValid(RedemptionRequest request) {
        if (request == null) {
            throw new DomainException(400, "malformed_json", "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        required(errors, "purchase_id", request.purchaseId());
        required(errors, "event_id", request.eventId());
        required(errors, "donor_id", request.donorId());
        required(errors, "code", request.code());
        required(errors, "package_id", request.packageId());
        if (required(errors, "quantity", request.quantity())
                && (request.quantity() < 1 || request.quantity() > MAX_QUANTITY)) {
            errors.add(new FieldError("quantity", "must be between 1 and " + MAX_QUANTITY));
        }
        if (required(errors, "base_price", request.basePrice())) {
            if (request.basePrice().signum() < 0) {
                errors.add(new FieldError("base_price", "must not be negative"));
            } else if (!Money.hasAtMostTwoDecimals(request.basePrice())) {
                errors.add(new FieldError("base_price", "must have at most two decimals"));
            } else if (request.basePrice().compareTo(new BigDecimal("9999999999.99")) > 0) {
                errors.add(new FieldError("base_price", "is too large"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static void requireValid(UnlockRequest request) {
        if (request == null) {
            throw new DomainException(400, "malformed_json", "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        required(errors, "event_id", request.eventId());
        required(errors, "donor_id", request.donorId());
        required(errors, "code", request.code());
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static boolean required(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }

    private static DomainException codeNotFound(String code) {
        return DomainException.notFound("promo_code_not_found", "There is no promo code '" + abbreviate(code)
                + "' for this event.");
    }

    private static boolean isCodeNotFound(Throwable failure) {
        return failure instanceof DomainException domain && "promo_code_not_found".equals(domain.code());
    }

    private static DomainException exhausted() {
        return DomainException.conflict("promo_code_exhausted", "This promo code has been used as often as it may be.");
    }

    /**
     * Exhausted, telling purchase-service (the only caller of redeem) whether uses are held by purchases still in
     * flight: those may be given back in a moment (a sold-out sale releases its use), so the refusal may not last.
     */
    private static DomainException exhausted(boolean usesInFlight) {
        return new DomainException(409, "promo_code_exhausted", "This promo code has been used as often as it may be.",
                List.of(), java.util.Map.of("uses_in_flight", usesInFlight));
    }

    private static DomainException releasedForGood() {
        return DomainException.conflict("redemption_released", "This purchase was abandoned and its promo use "
                + "released; a new purchase redeems the code again.");
    }

    private static DomainException notApplicable(PromoDefinition definition) {
        return new DomainException(422, "promo_code_not_applicable", "The promo code '" + definition.code()
                + "' does not apply to this package.");
    }

    private static String abbreviate(String code) {
        return code == null ? "" : code.length() > 60 ? code.substring(0, 60) + "…" : code;
    }
}
