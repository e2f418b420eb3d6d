package org.fundrbolt.tickets.promo.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.rest.Patch;
import org.fundrbolt.tickets.platform.sql.PgErrors;
import org.fundrbolt.tickets.promo.domain.DiscountType;
import org.fundrbolt.tickets.promo.domain.PromoCode;
import org.fundrbolt.tickets.promo.repository.KnownPackageRepository;
import org.fundrbolt.tickets.promo.repository.PromoCodeRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Administration of promo codes: create, read, edit, delete, with the rules of API.md. */
@ApplicationScoped
public class PromoCodeService {

    private static final String UNIQUE_CODE = "ux_promo_codes_event_code";

    private final Pool pool;
    private final PromoCodeRepository promos;
    private final KnownPackageRepository packages;
    private final PromoCache cache;

    public PromoCodeService(Pool pool, PromoCodeRepository promos, KnownPackageRepository packages, PromoCache cache) {
        this.pool = pool;
        this.promos = promos;
        this.packages = packages;
        this.cache = cache;
    }

    public Uni<List<PromoCode>> list(UUID eventId) {
        return promos.listByEvent(pool, eventId);
    }

    public Uni<PromoCode> get(UUID eventId, UUID promoId) {
        return promos.findById(pool, eventId, promoId).map(promo -> found(promo, promoId));
    }

    public Uni<PromoCode> create(UUID eventId, NewPromoCode request) {
        if (request == null) {
            throw new DomainException(400, "malformed_json", "A JSON body is required.");
        }
        Instant now = Instant.now();
        PromoCode draft = new PromoCode(UUID.randomUUID(), eventId,
                request.code() == null ? null : PromoRules.normalise(request.code()), request.discountType(),
                PromoRules.discountValue(request.discountType(), request.discountValue()), request.maxTotalUses(),
                request.maxUsesPerDonor(), 0, PromoRules.millis(request.validFrom()),
                PromoRules.millis(request.expiresAt()), request.isActive() == null || request.isActive(),
                request.packageIds() == null ? List.of() : PromoRules.distinct(request.packageIds()),
                request.unlocksPackageIds() == null ? List.of() : request.unlocksPackageIds(), 1, now, now);
        return requireValid(draft, List.of())
                .chain(() -> promos.insert(pool, draft))
                .onFailure(failure -> PgErrors.isUniqueViolation(failure, UNIQUE_CODE))
                .transform(failure -> codeExists(draft.code()))
                .call(created -> cache.evict(eventId, created.code()));
    }

    /** Applies a PATCH under the row lock, so the checks against usage hold against concurrent redeems. */
    public Uni<PromoCode> update(UUID eventId, UUID promoId, Long expectedVersion, Patch<PromoCodeChanges> changes) {
        List<FieldError> nullErrors = new ArrayList<>();
        return pool.withTransaction(connection -> promos.lockById(connection, eventId, promoId).chain(current -> {
            found(current, promoId);
            requireVersion(current, expectedVersion);
            PromoCode edited = merge(current, changes, nullErrors);
            List<FieldError> usageErrors = nullErrors.isEmpty() && PromoRules.check(edited).isEmpty()
                    ? PromoRules.checkChangeOfUsedCode(current, edited)
                    : List.of();
            List<FieldError> earlier = new ArrayList<>(nullErrors);
            earlier.addAll(usageErrors);
            return requireValid(connection, edited, earlier)
                    .chain(() -> promos.updateDefinition(connection, edited))
                    .map(updated -> new PromoCode[]{current, updated});
        })).onFailure(failure -> PgErrors.isUniqueViolation(failure, UNIQUE_CODE))
                .transform(failure -> codeExists(
                        changes.values().code() == null ? "" : PromoRules.normalise(changes.values().code())))
                .call(pair -> cache.evict(eventId, pair[0].code(), pair[1].code()))
                .map(pair -> pair[1]);
    }

    /** Removes an unused code; a used one is only deactivated, since sales refer to it. */
    public Uni<Void> delete(UUID eventId, UUID promoId, Long expectedVersion) {
        return pool.withTransaction(connection -> promos.lockById(connection, eventId, promoId).chain(current -> {
            found(current, promoId);
            requireVersion(current, expectedVersion);
            if (current.currentUses() > 0) {
                PromoCode inactive = new PromoCode(current.id(), current.eventId(), current.code(),
                        current.discountType(), current.discountValue(), current.maxTotalUses(),
                        current.maxUsesPerDonor(), current.currentUses(), current.validFrom(), current.expiresAt(),
                        false, current.packageIds(), current.unlocksPackageIds(), current.version(),
                        current.createdAt(), current.updatedAt());
                return promos.updateDefinition(connection, inactive).replaceWith(current);
            }
            return promos.delete(connection, current.id()).replaceWith(current);
        })).call(deleted -> cache.evict(eventId, deleted.code())).replaceWithVoid();
    }

    private static PromoCode merge(PromoCode current, Patch<PromoCodeChanges> patch, List<FieldError> nullErrors) {
        PromoCodeChanges sent = patch.values();
        String code = required(patch, "code", sent.code(), current.code(), nullErrors);
        String discountType = required(patch, "discount_type", sent.discountType(), current.discountType(),
                nullErrors);
        // A pure access code's value is 0 unless one is sent (and refused): also when the type becomes 'none'.
        BigDecimal discountValue = DiscountType.NONE.wireName().equals(discountType)
                ? PromoRules.discountValue(discountType, patch.has("discount_value") ? sent.discountValue() : null)
                : required(patch, "discount_value", sent.discountValue(), current.discountValue(), nullErrors);
        return new PromoCode(current.id(), current.eventId(), code == null ? null : PromoRules.normalise(code),
                discountType, discountValue,
                nullable(patch, "max_total_uses", sent.maxTotalUses(), current.maxTotalUses()),
                nullable(patch, "max_uses_per_donor", sent.maxUsesPerDonor(), current.maxUsesPerDonor()),
                current.currentUses(),
                PromoRules.millis(nullable(patch, "valid_from", sent.validFrom(), current.validFrom())),
                PromoRules.millis(nullable(patch, "expires_at", sent.expiresAt(), current.expiresAt())),
                required(patch, "is_active", sent.isActive(), current.isActive(), nullErrors),
                PromoRules
                        .distinct(required(patch, "package_ids", sent.packageIds(), current.packageIds(), nullErrors)),
                required(patch, "unlocks_package_ids", sent.unlocksPackageIds(), current.unlocksPackageIds(),
                        nullErrors),
                current.version(), current.createdAt(), current.updatedAt());
    }

    /** Absent keeps the current value; an explicit null clears it. */
    private static <T> T nullable(Patch<?> patch, String field, T sent, T current) {
        return patch.has(field) ? sent : current;
    }

    /** Absent keeps the current value; an explicit null is refused. */
    private static <T> T required(Patch<?> patch, String field, T sent, T current, List<FieldError> errors) {
        if (!patch.has(field)) {
            return current;
        }
        if (sent == null) {
            errors.add(new FieldError(field, "must not be null"));
            return current;
        }
        return sent;
    }

    private Uni<Void> requireValid(PromoCode promo, List<FieldError> earlier) {
        return requireValid(pool, promo, earlier);
    }

    /** Collects every broken rule, the packages named included, and fails once with all of them. */
    private Uni<Void> requireValid(SqlClient client, PromoCode promo, List<FieldError> earlier) {
        List<FieldError> errors = new ArrayList<>(earlier);
        errors.addAll(PromoRules.check(promo));
        Map<String, List<UUID>> named = new LinkedHashMap<>();
        named.put("package_ids", promo.packageIds());
        named.put("unlocks_package_ids", promo.unlocksPackageIds());
        named.values().removeIf(ids -> ids == null || ids.stream().anyMatch(Objects::isNull));
        List<UUID> all = named.values().stream().flatMap(List::stream).distinct().toList();
        return packages.livePackagesOf(client, promo.eventId(), all).invoke(live -> {
            named.forEach((field, ids) -> {
                List<UUID> unknown = ids.stream().filter(id -> !live.contains(id)).distinct().toList();
                if (!unknown.isEmpty()) {
                    errors.add(new FieldError(field, "not packages of this event: " + unknown));
                }
            });
            if (!errors.isEmpty()) {
                throw DomainException.validation(errors);
            }
        }).replaceWithVoid();
    }

    private static void requireVersion(PromoCode current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new DomainException(412, "version_conflict", "The promo code changed since you read it (version "
                    + expectedVersion + ", now " + current.version() + "); reload it and try again.");
        }
    }

    private static PromoCode found(PromoCode promo, UUID promoId) {
        if (promo == null) {
            throw DomainException.notFound("promo_not_found", "No promo code with id '" + promoId + "' in this event.");
        }
        return promo;
    }

    private static DomainException codeExists(String code) {
        return DomainException.conflict("promo_code_exists", "This event already has a promo code '" + code + "'.");
    }
}
