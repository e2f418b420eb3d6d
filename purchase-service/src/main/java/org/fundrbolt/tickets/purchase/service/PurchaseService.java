package org.fundrbolt.tickets.purchase.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.validator.routines.EmailValidator;
import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.sql.PgErrors;
import org.fundrbolt.tickets.platform.text.Text;
import org.fundrbolt.tickets.purchase.client.PromoClient;
import org.fundrbolt.tickets.purchase.client.PromoClient.PromoRefusal;
import org.fundrbolt.tickets.purchase.client.PromoClient.Redemption;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.domain.Answer;
import org.fundrbolt.tickets.purchase.domain.InventoryItem;
import org.fundrbolt.tickets.purchase.domain.Money;
import org.fundrbolt.tickets.purchase.domain.Pricing;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.PurchaseOrder;
import org.fundrbolt.tickets.purchase.domain.PurchaseTerms;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome.Result;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.domain.SalesRules;
import org.fundrbolt.tickets.purchase.mail.MailRelay;
import org.fundrbolt.tickets.purchase.repository.InventoryRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The sale, step by step as ARCHITECTURE.md tells it: idempotency, package and answers, promo
 * redeem, the one transaction that claims stock and writes the purchase, compensation, outbox.
 */
@ApplicationScoped
public class PurchaseService {

    private static final Logger LOG = Logger.getLogger(PurchaseService.class);
    /** RFC 5321/5322 syntax with a known top-level domain (as for guest emails). */
    private static final EmailValidator EMAIL = EmailValidator.getInstance(false, false);
    private static final java.util.regex.Pattern ASCII_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    /** A package on sale and the donor's answers to its questions, checked and in display order. */
    private record Checked(InventoryItem item, List<Answer> answers) {
    }

    private final Idempotency idempotency;
    private final InventoryCache inventory;
    private final OptionValidator options;
    private final PromoClient promo;
    private final TicketIssuer tickets;
    private final SaleStrategy strategy;
    private final OutboxRelay relay;
    private final long deadlineNanos;
    private final long inFlightWaitNanos;
    private final long promoTimeoutMillis;
    private final InventoryRepository stock;
    private final Vertx vertx;
    private final MailRelay mailRelay;

    public PurchaseService(MailRelay mailRelay, Idempotency idempotency, InventoryCache inventory,
            OptionValidator options,
            PromoClient promo, TicketIssuer tickets, SaleStrategy strategy, OutboxRelay relay,
            PurchaseConfig config, InventoryRepository stock, Vertx vertx) {
        this.mailRelay = mailRelay;
        this.deadlineNanos = config.saleDeadline().toNanos();
        this.inFlightWaitNanos = config.promo().inFlightWait().toNanos();
        this.promoTimeoutMillis = config.promo().timeout().toMillis();
        this.stock = stock;
        this.vertx = vertx;
        this.idempotency = idempotency;
        this.inventory = inventory;
        this.options = options;
        this.promo = promo;
        this.tickets = tickets;
        this.strategy = strategy;
        this.relay = relay;
    }

    /**
     * Steps 1 to 6, one call each: a repeat is answered its stored purchase, anything else is sold anew.
     * {@code tokenEmail} is the token's email claim, where the tickets go unless the body names an address.
     */
    public Uni<Purchase> purchase(UUID eventId, UUID donorId, String idempotencyKey, PurchaseOrder order,
            String tokenEmail) {
        checkShape(order, false);
        Idempotency.Key key = Idempotency.key(eventId, donorId, idempotencyKey, order);
        UUID purchaseId = Idempotency.purchaseId(key);
        // This attempt of the purchase: a retry under the same key takes the promo use over, so that a release this
        // attempt sends late never gives back a use the retry is selling with.
        UUID attempt = UUID.randomUUID();
        long deadline = System.nanoTime() + deadlineNanos;
        String email = order.email() != null ? order.email().trim() : usable(tokenEmail);
        PurchaseTerms terms = PurchaseTerms.checkout(donorId, email);
        return idempotency.storedOr(key, () -> packageAndAnswers(eventId, donorId, order, true)
                .chain(checked -> redeem(purchaseId, attempt, eventId, donorId, checked.item(), order, key, deadline)
                        .chain(redeemed -> claim(purchaseId, eventId, donorId, key, checked, order, redeemed, null,
                                terms, deadline)
                                .chain(outcome -> soldElsewhere(outcome, key))
                                .onItemOrFailure()
                                .call((outcome, failure) -> compensate(purchaseId, attempt, redeemed, outcome, failure,
                                        key))
                                .onFailure(PgErrors::isConnectionLost).transform(failure -> {
                                    LOG.warnf("purchase %s: the database connection failed during the sale, its "
                                            + "outcome is unknown: %s", purchaseId, failure.toString());
                                    return saleMayExist(key);
                                })))
                .chain(outcome -> publish(outcome, key, order.packageId())));
    }

    /**
     * A coordinator order (API.md, "Order lifecycle"): a complimentary or offline-paid purchase through the same
     * sale path (idempotent under the coordinator's key, never oversold), without a promo code, required options
     * allowed unanswered. A complimentary order has every amount 0.00.
     */
    public Uni<Purchase> order(UUID eventId, UUID coordinatorId, String idempotencyKey, PurchaseOrder order) {
        checkShape(order, true);
        PurchaseOrder.AdminTerms admin = order.admin();
        // A coordinator's order keys are their own namespace: the same key at their checkout is another purchase.
        Idempotency.Key key = Idempotency.key(eventId, coordinatorId,
                idempotencyKey == null ? null : ADMIN_KEY_PREFIX + idempotencyKey, order);
        UUID purchaseId = Idempotency.purchaseId(key);
        long deadline = System.nanoTime() + deadlineNanos;
        PurchaseTerms terms = new PurchaseTerms(PurchaseTerms.ADMIN, admin.payment(),
                order.email() == null ? null : order.email().trim(),
                admin.name() == null ? null : admin.name().trim(), admin.note(), coordinatorId);
        return idempotency.storedOr(key, () -> packageAndAnswers(eventId, coordinatorId, order, false)
                .chain(checked -> {
                    // null: the package's price in force at the claim (API.md: "default the package's current price")
                    BigDecimal unitPrice = terms.complimentary()
                            ? Money.ZERO
                            : admin.unitPrice() != null ? Money.of(admin.unitPrice()) : null;
                    return claim(purchaseId, eventId, admin.donorId(), key, checked, order, null, unitPrice, terms,
                            deadline).chain(outcome -> soldElsewhere(outcome, key))
                            .onFailure(PgErrors::isConnectionLost).transform(failure -> saleMayExist(key));
                })
                .chain(outcome -> publish(outcome, key, order.packageId())));
    }

    private static final String ADMIN_KEY_PREFIX = "order:";

    private static String usable(String email) {
        return email != null && email.length() <= 320 && EMAIL.isValid(email) ? email : null;
    }

    /**
     * Step 2, in API.md's order of checks ("Sales rules"): the package (a hidden one only with a code that unlocks
     * it), on sale now, the quantity its orders allow, then the answers to its questions. A coordinator's order is
     * held to the quantity alone: coordinators allocate sponsor tables and comps before and after the public sale,
     * hidden packages included. Whether the window holds is decided again, exactly, at the claim.
     */
    private Uni<Checked> packageAndAnswers(UUID eventId, UUID buyerId, PurchaseOrder order, boolean checkout) {
        return inventory.find(order.packageId()).chain(found -> {
            InventoryItem item = found.filter(InventoryItem::sellable)
                    .filter(candidate -> candidate.eventId().equals(eventId))
                    .orElseThrow(() -> packageNotFound(order.packageId()));
            Uni<Void> visible = checkout && item.rules().hidden()
                    ? unlocked(eventId, buyerId, item, order)
                    : Uni.createFrom().voidItem();
            return visible.map(nothing -> {
                SalesRules rules = item.rules();
                if (checkout && !rules.onSaleAt(Instant.now())) {
                    throw notOnSale(rules);
                }
                if (!rules.allowsQuantity(order.quantity())) {
                    throw invalidQuantity(rules);
                }
                return new Checked(item, options.validate(item.options(), order.answers(), checkout));
            });
        });
    }

    /** A hidden package is sold only with a code that unlocks it; otherwise it does not exist for the donor. */
    private Uni<Void> unlocked(UUID eventId, UUID donorId, InventoryItem item, PurchaseOrder order) {
        if (order.promoCode() == null) {
            return Uni.createFrom().failure(packageNotFound(item.packageId()));
        }
        return promo.unlocks(eventId, donorId, code(order))
                .onFailure(failure -> !(failure instanceof DomainException))
                .transform(failure -> DomainException.dependencyUnavailable("promo-service"))
                .map(unlocks -> {
                    if (!unlocks.contains(item.packageId())) {
                        throw packageNotFound(item.packageId());
                    }
                    return null;
                });
    }

    private static DomainException packageNotFound(UUID packageId) {
        return DomainException.notFound("package_not_found",
                "No ticket package " + packageId + " is on sale for this event.");
    }

    private static DomainException notOnSale(SalesRules rules) {
        Map<String, Object> window = new LinkedHashMap<>(); // the bounds the package has (problem extensions are not null)
        if (rules.salesStartAt() != null) {
            window.put("sales_start_at", rules.salesStartAt().toString());
        }
        if (rules.salesEndAt() != null) {
            window.put("sales_end_at", rules.salesEndAt().toString());
        }
        Instant now = Instant.now();
        String detail = rules.salesStartAt() != null && now.isBefore(rules.salesStartAt())
                ? "This ticket package is not on sale yet: its sale opens at " + rules.salesStartAt() + "."
                : "The sale of this ticket package has ended" + (rules.salesEndAt() == null
                        ? "."
                        : " (at " + rules.salesEndAt() + ").");
        return new DomainException(409, "not_on_sale", detail, List.of(), window);
    }

    private static DomainException invalidQuantity(SalesRules rules) {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("min_per_order", rules.minPerOrder());
        bounds.put("max_per_order", rules.maxPerOrder());
        String range = rules.minPerOrder() == rules.maxPerOrder()
                ? "exactly " + rules.minPerOrder()
                : rules.minPerOrder() + " to " + rules.maxPerOrder();
        return new DomainException(422, "invalid_quantity", "One order of this ticket package buys " + range + ".",
                List.of(new FieldError("quantity", "quantity must be " + range + " for this package")), bounds);
    }

    /** Codes are ASCII: upper-casing anything else would turn 'ß' into "SS" and match a code it only resembles. */
    private static String code(PurchaseOrder order) {
        String sent = order.promoCode().trim();
        return ASCII_CODE.matcher(sent).matches() ? sent.toUpperCase(Locale.ROOT) : sent;
    }

    /**
     * Step 3: a promo code is redeemed before the stock is claimed; null when the order has none. Two things keep
     * a popular code fair (ARCHITECTURE.md, "Bounded waiting"): an order the stock cannot fit takes no use (the
     * code is only checked, so its own refusal still answers first, then sold out), and a code whose last uses are
     * held by purchases still in flight is tried again for a moment, since a sold-out purchase gives its use back;
     * only once the stock is gone or the wait is over does the refusal stand. A redeem that got no verdict (a
     * timeout under a burst) is repeated, identically, within the same wait (ARCHITECTURE.md, "No orphaned
     * outcome"): the same purchase and attempt, so a use it took is answered, not taken twice. Past the wait, a use
     * any of its calls may have taken is released.
     */
    private Uni<Redemption> redeem(UUID purchaseId, UUID attempt, UUID eventId, UUID donorId, InventoryItem item,
            PurchaseOrder order, Idempotency.Key key, long deadline) {
        if (order.promoCode() == null) {
            return Uni.createFrom().nullItem();
        }
        String code = code(order);
        BigDecimal basePrice = basePrice(item, order);
        // The wait leaves the claim a quarter of the sale's deadline.
        long waitUntil = Math.min(System.nanoTime() + inFlightWaitNanos, deadline - deadlineNanos / 4);
        AtomicBoolean maybeTaken = new AtomicBoolean();
        return stock.fits(item.packageId(), order.quantity())
                .onFailure().recoverWithItem(true) // the claim decides exactly; the pre-check only saves a use
                .chain(fits -> fits
                        ? redeemWhileInFlight(purchaseId, attempt, eventId, donorId, code, item, order, waitUntil, 0,
                                maybeTaken)
                        : promo.check(purchaseId, eventId, donorId, code, item.packageId(), order.quantity(), basePrice)
                                .onItem().failWith(verdict -> soldOut()))
                .onFailure(failure -> maybeTaken.get() || outcomeUnknown(failure))
                .invoke(failure -> releaseUnknown(purchaseId, attempt, key))
                .onFailure(failure -> !(failure instanceof DomainException))
                .transform(failure -> DomainException.dependencyUnavailable("promo-service"));
    }

    /**
     * A redeem (or check) that got no verdict: promo-service may have counted the use. A refusal, sold out decided
     * here, a refused connection or an open circuit breaker (nothing was sent) took none.
     */
    private static boolean outcomeUnknown(Throwable failure) {
        if (failure instanceof PromoClient.PromoUnavailable unavailable) {
            return unavailable.reached();
        }
        return !(failure instanceof DomainException)
                && !(failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException);
    }

    private Uni<Redemption> redeemWhileInFlight(UUID purchaseId, UUID attemptId, UUID eventId, UUID donorId,
            String code, InventoryItem item, PurchaseOrder order, long waitUntil, int attempt,
            AtomicBoolean maybeTaken) {
        return promo.redeem(purchaseId, attemptId, eventId, donorId, code, item.packageId(), order.quantity(),
                basePrice(item, order))
                .onFailure(failure -> heldInFlight(failure) || outcomeUnknown(failure) || breakerOpen(failure))
                .recoverWithUni(failure -> {
                    boolean unknown = outcomeUnknown(failure);
                    if (unknown) {
                        maybeTaken.set(true);
                    }
                    // Back-off with jitter: the uses come back as the purchases holding them settle, and a burst
                    // that timed a redeem out drains, not sooner.
                    long pauseMillis = Math.min(1_000, 50L << Math.min(attempt, 5))
                            + ThreadLocalRandom.current().nextLong(50);
                    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > waitUntil) {
                        return Uni.createFrom().failure(failure);
                    }
                    // A repeat of a redeem without a verdict asks again whatever the stock: if that redeem took the
                    // use, the claim decides and the use is given back on sold out.
                    Uni<Boolean> worth = unknown
                            ? Uni.createFrom().item(true)
                            : stock.fits(item.packageId(), order.quantity());
                    return pause(pauseMillis).chain(() -> worth)
                            .chain(fits -> fits
                                    ? redeemWhileInFlight(purchaseId, attemptId, eventId, donorId, code, item, order,
                                            waitUntil, attempt + 1, maybeTaken)
                                    : Uni.createFrom().failure(soldOut()));
                });
    }

    /**
     * The circuit breaker is open after a burst of timeouts: nothing was sent, and within the wait the redeem is
     * asked again at the back-off's pace (the breaker half-opens after its delay), so a burst that briefly
     * overwhelmed promo-service costs its buyers a wait, not a 503 at once. A promo-service that stays down still
     * answers 503 when the wait is over.
     */
    private static boolean breakerOpen(Throwable failure) {
        return failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
    }

    private static boolean heldInFlight(Throwable failure) {
        return failure instanceof PromoRefusal refusal && refusal.usesInFlight()
                && "promo_code_exhausted".equals(refusal.code());
    }

    private Uni<Void> pause(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private static DomainException soldOut() {
        return DomainException.conflict("sold_out", "Not enough tickets are left in this package.");
    }

    /**
     * A redeem whose answer never came (timeout, reset, 5xx) may have taken a use, which other buyers of a popular
     * code are waiting for (ARCHITECTURE.md: "a redeem that times out is released in the background"): it is released
     * at once, in the background, retried with back-off until promo-service answers (past that, promo's
     * reconciliation frees it). promo waits for a redeem of the purchase still being written and releases what it
     * wrote. Without a key nobody ever carries this purchase id again, so it is released for good: a redeem of it
     * still on its way is refused. With one, the release names this attempt: the donor's retry carries the same id
     * and takes the use over (or redeems it anew once released), so this release never takes it from the retry.
     */
    private void releaseUnknown(UUID purchaseId, UUID attempt, Idempotency.Key key) {
        promo.release(purchaseId, attempt, key.value() == null).onFailure().retry()
                .withBackOff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(5)).atMost(30)
                .subscribe().with(done -> LOG.debugf("released the promo use of purchase %s after a redeem without "
                        + "an answer", purchaseId),
                        failure -> LOG.warnf("could not release the promo use of purchase %s: %s; promo's "
                                + "reconciliation frees it", purchaseId, failure.toString()));
    }

    /**
     * Step 4: the tickets are signed first, so that the claim's row lock never waits on a signature.
     * {@code unitPrice} null is the package's price in force, quoted now and settled at the claim's instant (with the
     * code's discount recomputed on it); the donation is added to the total, never discounted.
     */
    private Uni<SaleOutcome> claim(UUID purchaseId, UUID eventId, UUID donorId, Idempotency.Key key, Checked checked,
            PurchaseOrder order, Redemption redeemed, BigDecimal unitPrice, PurchaseTerms terms, long deadline) {
        InventoryItem item = checked.item();
        int quantity = order.quantity();
        BigDecimal unit = unitPrice != null ? unitPrice : Money.of(item.priceAt(Instant.now()));
        BigDecimal basePrice = Money.times(unit, quantity);
        BigDecimal discount = redeemed == null ? Money.ZERO : Money.of(redeemed.discountAmount().min(basePrice));
        BigDecimal donation = order.donation();
        return tickets.sign(eventId, quantity * item.seatsPerPackage())
                .chain(signed -> strategy.sell(new SaleRequest(purchaseId, eventId, item.packageId(), donorId,
                        quantity, unit, basePrice, discount, Money.of(basePrice.subtract(discount).add(donation)),
                        redeemed == null ? null : redeemed.code(), redeemed == null ? null : redeemed.promoId(),
                        key.value(), key.fingerprint(), checked.answers(), signed, deadline, donation, terms,
                        new Pricing(unitPrice == null, terms.channel().equals(PurchaseTerms.CHECKOUT),
                                redeemed == null ? null : redeemed.discountType(),
                                redeemed == null ? null : redeemed.discountValue()))));
    }

    /**
     * Step 5: unless the buyer was sold their tickets, the promo use is released, once. Not when the database
     * may have committed the sale (the connection dropped): that sale would hold the use, and only its absence
     * may give it back, so it is left to promo's reconciliation.
     */
    private Uni<Void> compensate(UUID purchaseId, UUID attempt, Redemption redeemed, SaleOutcome outcome,
            Throwable saleFailure,
            Idempotency.Key key) {
        if (redeemed == null || (outcome != null && (outcome.isSold() || outcome.result() == Result.DUPLICATE_KEY))
                || PgErrors.isConnectionLost(saleFailure)) {
            return Uni.createFrom().voidItem();
        }
        if (outcome != null) {
            return release(purchaseId, attempt); // soldElsewhere has already looked for a sale under the key
        }
        // A keyed purchase shares its id, so its use, with every attempt under the key: if one of them sold,
        // the use is that sale's and stays.
        return idempotency.soldUnder(key).onFailure().recoverWithItem(true)
                .chain(sold -> sold ? Uni.createFrom().voidItem() : release(purchaseId, attempt));
    }

    /**
     * A keyed attempt refused stock (sold out, gone) after another attempt under the same key sold: the
     * donor's purchase exists, so this attempt answers it instead.
     */
    private Uni<SaleOutcome> soldElsewhere(SaleOutcome outcome, Idempotency.Key key) {
        if (outcome.isSold() || outcome.result() == Result.DUPLICATE_KEY || key.value() == null) {
            return Uni.createFrom().item(outcome);
        }
        return idempotency.soldUnder(key).map(sold -> sold ? SaleOutcome.DUPLICATE_KEY : outcome);
    }

    private Uni<Void> release(UUID purchaseId, UUID attempt) {
        // If even the retries fail, promo's reconciliation frees it once this service says no purchase exists.
        return promo.release(purchaseId, attempt).onFailure().recoverWithItem(failure -> {
            LOG.warnf("could not release the promo use of purchase %s now: %s", purchaseId, failure.toString());
            return null;
        });
    }

    /** Step 6: a sale's outbox row is published at once (the relay's timer retries if Kafka is away). */
    private Uni<Purchase> publish(SaleOutcome outcome, Idempotency.Key key, UUID packageId) {
        return switch (outcome.result()) {
            case SOLD -> {
                relay.trigger();
                if (outcome.purchase().terms().email() != null) {
                    mailRelay.trigger();
                }
                yield Uni.createFrom().item(outcome.purchase());
            }
            case SOLD_OUT -> Uni.createFrom().failure(soldOut());
            case PACKAGE_GONE -> Uni.createFrom().failure(
                    DomainException.notFound("package_not_found", "This ticket package is no longer on sale."));
            case NOT_ON_SALE -> inventory.find(packageId).map(found -> {
                throw notOnSale(found.map(InventoryItem::rules).orElse(SalesRules.NONE));
            });
            case BUSY -> Uni.createFrom().failure(new DomainException(503, "dependency_unavailable",
                    "Too many buyers are waiting for this package right now; nothing was sold. Try again in a moment."));
            case EXPIRED -> Uni.createFrom().failure(new DomainException(503, "dependency_unavailable",
                    "The sale could not be completed in time; nothing was sold and no promo use was kept. Try again."));
            case CONFLICT -> Uni.createFrom().failure(DomainException.conflict(
                    "version_conflict", "Too many buyers at once; nothing was sold. Try again.")); // naive baseline only
            case DUPLICATE_KEY -> idempotency.stored(key);
        };
    }

    /**
     * The database stopped answering during step 4, perhaps during COMMIT: the purchase may exist. Not "nothing
     * was sold" (ARCHITECTURE.md, "No orphaned outcome"): a retry under the same key answers the stored purchase
     * if there is one, and buys otherwise.
     */
    static DomainException saleMayExist(Idempotency.Key key) {
        return new DomainException(503, "dependency_unavailable", "The database did not confirm the purchase; it "
                + "may have been recorded. " + (key.value() != null
                        ? "Retry with the same Idempotency-Key: you get this purchase if it was made, and nothing is "
                                + "bought twice."
                        : "Check your tickets before you buy again; with an Idempotency-Key a retry is always safe."));
    }

    private static BigDecimal basePrice(InventoryItem item, PurchaseOrder order) {
        return Money.times(Money.of(item.priceAt(Instant.now())), order.quantity());
    }

    private static void checkShape(PurchaseOrder order, boolean adminOrder) {
        List<FieldError> errors = new ArrayList<>();
        if (order == null) {
            throw DomainException.validation("body", "A JSON body is required.");
        }
        if (order.packageId() == null) {
            errors.add(new FieldError("package_id", "package_id is required"));
        }
        if (order.quantity() == null) {
            errors.add(new FieldError("quantity", "quantity is required"));
        } else if (order.quantity() < 1 || order.quantity() > 100) {
            errors.add(new FieldError("quantity", "quantity must be between 1 and 100"));
        }
        if (order.promoCode() != null && (order.promoCode().isBlank() || order.promoCode().length() > 50)) {
            errors.add(new FieldError("promo_code", "promo_code must be 1 to 50 characters"));
        }
        if (order.donationAmount() != null && (!Money.isAmount(order.donationAmount())
                || order.donationAmount().compareTo(Money.MAX_DONATION) > 0)) {
            errors.add(new FieldError("donation_amount",
                    "donation_amount must be from 0 to 100000.00 with at most two decimals"));
        }
        if (order.email() != null && (order.email().isBlank() || order.email().trim().length() > 320
                || !EMAIL.isValid(order.email().trim()) || !Text.storable(order.email()))) {
            errors.add(new FieldError("email", "email must be a valid email address"));
        }
        if (adminOrder) {
            checkAdminTerms(order.admin(), errors);
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static void checkAdminTerms(PurchaseOrder.AdminTerms admin, List<FieldError> errors) {
        String payment = admin.payment();
        if (payment == null) {
            errors.add(new FieldError("payment", "payment is required: complimentary or offline"));
        } else if (!payment.equals(PurchaseTerms.COMPLIMENTARY) && !payment.equals(PurchaseTerms.OFFLINE)) {
            errors.add(new FieldError("payment", "payment must be complimentary or offline"));
        }
        if (admin.unitPrice() != null) {
            if (PurchaseTerms.COMPLIMENTARY.equals(payment)) {
                errors.add(new FieldError("unit_price", "a complimentary order has no unit_price"));
            } else if (!Money.isAmount(admin.unitPrice()) || admin.unitPrice().compareTo(MAX_UNIT_PRICE) > 0) {
                errors.add(new FieldError("unit_price",
                        "unit_price must be from 0 to 1000000.00 with at most two decimals"));
            }
        }
        if (admin.name() != null && (admin.name().isBlank() || admin.name().trim().length() > 200
                || !Text.storable(admin.name()))) {
            errors.add(new FieldError("name", "name must be 1 to 200 characters"));
        }
        if (admin.note() != null && (admin.note().length() > 500 || !Text.storable(admin.note()))) {
            errors.add(new FieldError("note", "note must be at most 500 characters"));
        }
    }

    private static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000.00");
}
