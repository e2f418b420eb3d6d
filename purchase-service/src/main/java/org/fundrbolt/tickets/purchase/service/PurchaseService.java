package org.fundrbolt.tickets.purchase.service;

import org.fundrbolt.tickets.platform.problem.DomainException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.client.PromoClient;
import org.fundrbolt.tickets.purchase.client.PromoClient.Redemption;
import org.fundrbolt.tickets.purchase.domain.InventoryItem;
import org.fundrbolt.tickets.purchase.domain.Money;
import org.fundrbolt.tickets.purchase.domain.OptionDefinition;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseRequest;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseRequest.OptionAnswer;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView;
import org.fundrbolt.tickets.purchase.rest.model.PurchaseView.OptionResponseView;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The sale, step by step as ARCHITECTURE.md tells it: idempotency, package and answers, promo
 * redeem, the one transaction that claims stock and writes the purchase, compensation, outbox.
 */
@ApplicationScoped
public class PurchaseService {

    private static final Logger LOG = Logger.getLogger(PurchaseService.class);
    private static final Pattern PRINTABLE_KEY = Pattern.compile("[\\x20-\\x7E]{1,200}");

    private final InventoryCache inventory;
    private final PurchaseQueries purchases;
    private final OptionValidator options;
    private final PromoClient promo;
    private final SaleBatcher batcher;
    private final OutboxRelay relay;
    private final NaiveSale naive;
    private final boolean naiveMode;

    public PurchaseService(InventoryCache inventory, PurchaseQueries purchases, OptionValidator options,
            PromoClient promo, SaleBatcher batcher, OutboxRelay relay, NaiveSale naive,
            org.fundrbolt.tickets.purchase.config.PurchaseConfig config) {
        this.inventory = inventory;
        this.purchases = purchases;
        this.options = options;
        this.promo = promo;
        this.batcher = batcher;
        this.relay = relay;
        this.naive = naive;
        this.naiveMode = "naive".equals(config.saleMode());
    }

    public static String checkIdempotencyKey(String key) {
        if (key != null && !PRINTABLE_KEY.matcher(key).matches()) {
            throw new DomainException(400, "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 200 printable ASCII characters.");
        }
        return key;
    }

    public Uni<PurchaseView> purchase(UUID eventId, UUID donorId, String idempotencyKey, PurchaseRequest request) {
        checkShape(request);
        String fingerprint = RequestFingerprint.of(eventId, request);
        if (idempotencyKey == null) {
            return sell(eventId, donorId, null, fingerprint, request);
        }
        // Step 1: the same key from the same donor is one purchase. A concurrent repeat is settled by the
        // database: its insert waits on the first's unique key, then finds it committed and answers it.
        return purchases.findByKey(donorId, idempotencyKey).chain(stored -> stored.isPresent()
                ? replay(stored.get(), fingerprint)
                : sell(eventId, donorId, idempotencyKey, fingerprint, request));
    }

    private Uni<PurchaseView> replay(PurchaseQueries.KeyedPurchase stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new DomainException(422, "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different purchase.");
        }
        return purchases.find(stored.purchaseId()).map(view -> view.orElseThrow());
    }

    private Uni<PurchaseView> sell(UUID eventId, UUID donorId, String key, String fingerprint, PurchaseRequest request) {
        UUID purchaseId = UUID.randomUUID();
        int quantity = request.quantity();
        // Step 2: the package, then the answers to its questions.
        return inventory.find(request.packageId()).chain(found -> {
            InventoryItem item = found.filter(InventoryItem::sellable)
                    .filter(candidate -> candidate.eventId().equals(eventId))
                    .orElseThrow(() -> DomainException.notFound("package_not_found",
                            "No ticket package " + request.packageId() + " is on sale for this event."));
            options.validate(item.options(), request.answers());
            BigDecimal unitPrice = Money.of(item.unitPrice());
            BigDecimal basePrice = Money.times(unitPrice, quantity);
            String code = normalisedCode(request.promoCode());
            var answers = ordered(item.options(), request.answers());
            // Step 3: a promo code is redeemed before the stock is claimed.
            Uni<Redemption> redemption = code == null ? Uni.createFrom().nullItem()
                    : promo.redeem(purchaseId, eventId, donorId, code, item.packageId(), quantity, basePrice)
                            .onFailure(failure -> !(failure instanceof DomainException))
                            .transform(failure -> DomainException.dependencyUnavailable("promo-service"));
            return redemption.chain(redeemed -> {
                BigDecimal discount = redeemed == null ? Money.ZERO : Money.of(redeemed.discountAmount().min(basePrice));
                SaleRequest sale = new SaleRequest(purchaseId, eventId, item.packageId(), donorId, quantity, unitPrice,
                        basePrice, discount, Money.of(basePrice.subtract(discount)),
                        redeemed == null ? null : redeemed.code(), redeemed == null ? null : redeemed.promoId(),
                        key, fingerprint,
                        answers.stream().map(e -> new OptionResponseView(e.getValue().optionId(), e.getKey().label(),
                                e.getValue().value())).toList(),
                        answers.stream().map(e -> e.getKey().optionType()).toList());
                // Step 4: one transaction claims stock and writes everything; step 5: release on any failure.
                return (naiveMode ? naive.sell(sale) : batcher.submit(sale))
                        .onFailure().call(() -> release(redeemed, purchaseId))
                        .chain(outcome -> settle(outcome, redeemed, purchaseId, donorId, key, fingerprint));
            });
        });
    }

    private Uni<PurchaseView> settle(SaleOutcome outcome, Redemption redeemed, UUID purchaseId, UUID donorId,
            String key, String fingerprint) {
        return switch (outcome.result()) {
            case SOLD -> {
                relay.trigger(); // step 6: publish at once; the relay's timer retries if Kafka is away
                yield Uni.createFrom().item(outcome.purchase());
            }
            case SOLD_OUT -> release(redeemed, purchaseId).chain(() -> Uni.createFrom().failure(
                    DomainException.conflict("sold_out", "Not enough tickets are left in this package.")));
            case PACKAGE_GONE -> release(redeemed, purchaseId).chain(() -> Uni.createFrom().failure(
                    DomainException.notFound("package_not_found", "This ticket package is no longer on sale.")));
            case CONFLICT -> release(redeemed, purchaseId).chain(() -> Uni.createFrom().failure(DomainException.conflict(
                    "version_conflict", "Too many buyers at once; nothing was sold. Try again."))); // naive baseline only
            case DUPLICATE_KEY -> release(redeemed, purchaseId).chain(() -> purchases.findByKey(donorId, key))
                    .chain(stored -> replay(stored.orElseThrow(), fingerprint));
        };
    }

    private Uni<Void> release(Redemption redeemed, UUID purchaseId) {
        if (redeemed == null) {
            return Uni.createFrom().voidItem();
        }
        // If even the retries fail, promo's reconciliation releases the use after 5 minutes.
        return promo.release(purchaseId).onFailure().recoverWithItem(failure -> {
            LOG.warnf("could not release the promo use of purchase %s now: %s", purchaseId, failure.toString());
            return null;
        });
    }

    private static void checkShape(PurchaseRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw DomainException.validation("body", "A JSON body is required.");
        }
        if (request.packageId() == null) {
            errors.add(new FieldError("package_id", "package_id is required"));
        }
        if (request.quantity() == null) {
            errors.add(new FieldError("quantity", "quantity is required"));
        } else if (request.quantity() < 1 || request.quantity() > 100) {
            errors.add(new FieldError("quantity", "quantity must be between 1 and 100"));
        }
        if (request.promoCode() != null && (request.promoCode().isBlank() || request.promoCode().length() > 50)) {
            errors.add(new FieldError("promo_code", "promo_code must be 1 to 50 characters"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static String normalisedCode(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    /** The answers in the options' display order, each with its option (validated, so every id is known). */
    private static List<Map.Entry<OptionDefinition, OptionAnswer>> ordered(List<OptionDefinition> definitions,
            List<OptionAnswer> answers) {
        Map<UUID, OptionDefinition> byId = new java.util.HashMap<>();
        definitions.forEach(definition -> byId.put(definition.id(), definition));
        return answers.stream().map(answer -> Map.entry(byId.get(answer.optionId()), answer))
                .sorted(java.util.Comparator.comparingInt(entry -> entry.getKey().displayOrder())).toList();
    }
}
