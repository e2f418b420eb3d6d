package org.fundrbolt.tickets.catalog.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.catalog.domain.AuditEntry;
import org.fundrbolt.tickets.catalog.domain.CustomOption;
import org.fundrbolt.tickets.catalog.domain.DisplayOrder;
import org.fundrbolt.tickets.catalog.domain.DisplayText;
import org.fundrbolt.tickets.catalog.domain.TicketPackage;
import org.fundrbolt.tickets.catalog.repository.AuditRepository;
import org.fundrbolt.tickets.catalog.repository.OptionRepository;
import org.fundrbolt.tickets.catalog.repository.PackageRepository;
import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.rest.Patch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

/**
 * The rules of custom options: at most four per package (the package row is locked before a slot
 * is picked, and the unique slot constraint backs it up), the per-type field rules, and — since an
 * option is part of its package — a package version bump, audit and snapshot for every change.
 */
@ApplicationScoped
public class OptionService {

    public static final int MAX_OPTIONS = 4;
    private static final Integer DEFAULT_MAX_LENGTH = 500;

    private final Pool pool;
    private final PackageRepository packages;
    private final OptionRepository options;
    private final AuditRepository audit;
    private final SnapshotOutbox snapshots;
    private final OutboxRelay relay;

    public OptionService(Pool pool, PackageRepository packages, OptionRepository options, AuditRepository audit,
            SnapshotOutbox snapshots, OutboxRelay relay) {
        this.pool = pool;
        this.packages = packages;
        this.options = options;
        this.audit = audit;
        this.snapshots = snapshots;
        this.relay = relay;
    }

    public Uni<List<CustomOption>> list(UUID eventId, UUID packageId) {
        return packages.find(pool, eventId, packageId).map(found -> PackageService.require(found, packageId).options);
    }

    public Uni<CustomOption> create(UUID eventId, UUID packageId, UUID userId, OptionFields fields) {
        CustomOption option = new CustomOption();
        option.id = UUID.randomUUID();
        option.packageId = packageId;
        option.label = fields.label() == null ? null : DisplayText.normalized(fields.label().strip());
        option.optionType = fields.optionType();
        option.choices = normalized(fields.choices());
        option.required = fields.isRequired() != null && fields.isRequired();
        option.maxLength = "text_input".equals(fields.optionType()) && fields.maxLength() == null
                ? DEFAULT_MAX_LENGTH
                : fields.maxLength();
        option.createdAt = PackageService.now();
        List<FieldError> errors = new ArrayList<>();
        if (fields.label() == null) {
            errors.add(new FieldError("label", "is required"));
        }
        if (fields.optionType() == null) {
            errors.add(new FieldError("option_type", "is required"));
        }
        if (fields.displayOrder() != null && !DisplayOrder.valid(fields.displayOrder())) {
            errors.add(new FieldError("display_order", DisplayOrder.RULE));
        }
        validate(option, errors);
        return pool.withTransaction(conn -> packages.findForUpdate(conn, eventId, packageId)
                .flatMap(found -> {
                    TicketPackage current = PackageService.require(found, packageId);
                    if (current.options.size() >= MAX_OPTIONS) {
                        throw limitReached();
                    }
                    option.slot = freeSlot(current.options);
                    option.displayOrder = fields.displayOrder() != null
                            ? fields.displayOrder()
                            : DisplayOrder.after(current.options.stream().map(o -> o.displayOrder)
                                    .max(Integer::compare).orElse(null));
                    TicketPackage next = PackageService.copy(current);
                    next.options.add(option);
                    return options.insert(conn, option)
                            .chain(() -> changed(conn, current, next,
                                    List.of(Audit.option(current, option, "option_added", userId))));
                }))
                .onFailure(OptionService::isSlotTaken).transform(e -> limitReached())
                .invoke(relay::trigger)
                .replaceWith(option);
    }

    public Uni<CustomOption> patch(UUID eventId, UUID packageId, UUID optionId, UUID userId,
            Patch<OptionFields> patch) {
        return pool.withTransaction(conn -> packages.findForUpdate(conn, eventId, packageId).flatMap(found -> {
            TicketPackage current = PackageService.require(found, packageId);
            CustomOption before = find(current, optionId);
            CustomOption after = apply(before, patch);
            List<AuditEntry> changes = Audit.optionChanges(current, before, after, userId);
            if (changes.isEmpty()) {
                return Uni.createFrom().item(before);
            }
            TicketPackage next = PackageService.copy(current);
            next.options.replaceAll(o -> o.id.equals(optionId) ? after : o);
            next.options.sort(java.util.Comparator.comparingInt((CustomOption o) -> o.displayOrder)
                    .thenComparing(o -> o.createdAt));
            return options.update(conn, after).chain(() -> changed(conn, current, next, changes)).replaceWith(after);
        })).invoke(relay::trigger);
    }

    public Uni<Void> delete(UUID eventId, UUID packageId, UUID optionId, UUID userId) {
        return pool.withTransaction(conn -> packages.findForUpdate(conn, eventId, packageId).flatMap(found -> {
            TicketPackage current = PackageService.require(found, packageId);
            CustomOption removed = find(current, optionId);
            TicketPackage next = PackageService.copy(current);
            next.options.removeIf(o -> o.id.equals(optionId));
            return options.delete(conn, optionId)
                    .chain(() -> changed(conn, current, next, List.of(Audit.option(current, removed, "option_removed",
                            userId))));
        })).invoke(relay::trigger);
    }

    /** An option change is a change of its package: version bump, audit once sold, snapshot. */
    private Uni<Void> changed(SqlConnection conn, TicketPackage current, TicketPackage next, List<AuditEntry> entries) {
        next.version = current.version + 1;
        next.updatedAt = PackageService.now();
        return packages.update(conn, next)
                .chain(() -> current.soldCount > 0 ? audit.insertAll(conn, entries) : Uni.createFrom().voidItem())
                .chain(() -> snapshots.record(conn, next, false));
    }

    private static CustomOption apply(CustomOption before, Patch<OptionFields> patch) {
        OptionFields v = patch.values();
        List<FieldError> errors = new ArrayList<>();
        CustomOption after = new CustomOption();
        after.id = before.id;
        after.packageId = before.packageId;
        after.slot = before.slot;
        after.createdAt = before.createdAt;
        after.label = before.label;
        after.optionType = before.optionType;
        after.choices = before.choices;
        after.required = before.required;
        after.displayOrder = before.displayOrder;
        after.maxLength = before.maxLength;
        if (patch.has("label")) {
            after.label = v.label() == null ? missing("label", errors) : DisplayText.normalized(v.label().strip());
        }
        if (patch.has("option_type")) {
            after.optionType = v.optionType() == null ? missing("option_type", errors) : v.optionType();
        }
        boolean typeChanged = !java.util.Objects.equals(before.optionType, after.optionType);
        if (patch.has("choices")) {
            after.choices = normalized(v.choices());
        } else if (typeChanged && !CustomOption.isSelect(after.optionType)) {
            after.choices = null;
        }
        if (patch.has("is_required")) {
            if (v.isRequired() == null) {
                missing("is_required", errors);
            } else {
                after.required = v.isRequired();
            }
        }
        if (patch.has("display_order")) {
            if (v.displayOrder() == null) {
                missing("display_order", errors);
            } else if (!DisplayOrder.valid(v.displayOrder())) {
                errors.add(new FieldError("display_order", DisplayOrder.RULE));
            } else {
                after.displayOrder = v.displayOrder();
            }
        }
        if (patch.has("max_length")) {
            after.maxLength = v.maxLength() == null && "text_input".equals(after.optionType)
                    ? DEFAULT_MAX_LENGTH
                    : v.maxLength();
        } else if (typeChanged) {
            after.maxLength = "text_input".equals(after.optionType) ? DEFAULT_MAX_LENGTH : null;
        }
        validate(after, errors);
        return after;
    }

    private static String missing(String field, List<FieldError> errors) {
        errors.add(new FieldError(field, "must not be null"));
        return null;
    }

    /** The option rules of API.md; throws one 422 listing every broken field. */
    private static void validate(CustomOption o, List<FieldError> errors) {
        if (o.label != null && (o.label.isEmpty() || o.label.length() > 200)) {
            errors.add(new FieldError("label", "must be 1 to 200 characters, not blank"));
        } else {
            DisplayText.lineProblem(o.label).ifPresent(problem -> errors.add(new FieldError("label", problem)));
        }
        if (o.optionType != null && !CustomOption.TYPES.contains(o.optionType)) {
            errors.add(new FieldError("option_type", "must be one of " + String.join(", ", CustomOption.TYPES)));
        } else if (o.optionType != null) {
            if (CustomOption.isSelect(o.optionType)) {
                checkChoices(o.choices, errors);
            } else if (o.choices != null) {
                errors.add(new FieldError("choices", "only single_select and multi_select options have choices"));
            }
            if (!"text_input".equals(o.optionType) && o.maxLength != null) {
                errors.add(new FieldError("max_length", "only text_input options have a max_length"));
            } else if (o.maxLength != null && (o.maxLength < 1 || o.maxLength > 1000)) {
                errors.add(new FieldError("max_length", "must be 1 to 1000"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static void checkChoices(List<String> choices, List<FieldError> errors) {
        if (choices == null) {
            errors.add(new FieldError("choices", "is required for select options: 2 to 20 distinct choices"));
            return;
        }
        if (choices.size() < 2 || choices.size() > 20) {
            errors.add(new FieldError("choices", "must hold 2 to 20 choices"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String choice : choices) {
            if (choice == null || choice.isBlank() || choice.length() > 100) {
                errors.add(new FieldError("choices", "every choice must be 1 to 100 characters, not blank"));
                return;
            }
            Optional<String> problem = DisplayText.lineProblem(choice);
            if (problem.isPresent()) {
                errors.add(new FieldError("choices", "every choice " + problem.get()));
                return;
            }
            if (!seen.add(choice.strip())) {
                errors.add(new FieldError("choices", "choices must be distinct ('" + choice + "' repeats)"));
                return;
            }
        }
    }

    /** The choices in NFC, so that two spellings of one choice count as the same (distinctness) and match answers. */
    private static List<String> normalized(List<String> choices) {
        return choices == null ? null : choices.stream().map(DisplayText::normalized).toList();
    }

    private static CustomOption find(TicketPackage pkg, UUID optionId) {
        return pkg.options.stream().filter(o -> o.id.equals(optionId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("option_not_found", "No option " + optionId
                        + " on package " + pkg.id + "."));
    }

    private static int freeSlot(List<CustomOption> existing) {
        Set<Integer> taken = new HashSet<>();
        existing.forEach(o -> taken.add(o.slot));
        for (int slot = 1; slot <= MAX_OPTIONS; slot++) {
            if (!taken.contains(slot)) {
                return slot;
            }
        }
        throw limitReached();
    }

    private static boolean isSlotTaken(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static DomainException limitReached() {
        return DomainException.conflict("option_limit_reached", "A package has at most " + MAX_OPTIONS
                + " custom options; remove one before adding another.");
    }
}
