package org.fundrbolt.tickets.purchase.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.outbox.OutboxRelay;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.sql.PgErrors;
import org.fundrbolt.tickets.platform.text.Text;
import org.fundrbolt.tickets.purchase.client.PromoClient;
import org.fundrbolt.tickets.purchase.domain.Cancellation;
import org.fundrbolt.tickets.purchase.domain.Money;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.PurchaseTerms;
import org.fundrbolt.tickets.purchase.domain.SaleEvent;
import org.fundrbolt.tickets.purchase.mail.Mail;
import org.fundrbolt.tickets.purchase.mail.MailOutbox;
import org.fundrbolt.tickets.purchase.mail.MailRelay;
import org.fundrbolt.tickets.purchase.repository.CancellationRepository;
import org.fundrbolt.tickets.purchase.repository.CancellationRepository.Keyed;
import org.fundrbolt.tickets.purchase.repository.CancellationRepository.LockedPurchase;
import org.fundrbolt.tickets.purchase.repository.CancellationRepository.TicketState;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Cancellations (API.md, "Order lifecycle"): a coordinator's refund or a donor's release of tickets of one
 * purchase, decided in one transaction by the owner of the truth. The purchase row is locked first, so two
 * cancellations of one purchase are decided one after the other; the tickets are cancelled with one conditional
 * statement, so a concurrent check-in of one of them either wins (409 already_checked_in here) or loses; the
 * returned packages are taken off {@code sold_count} on the inventory row in the same transaction, so they are
 * sellable again the moment it commits and a concurrent sale never sees them twice.
 */
@ApplicationScoped
public class CancellationService {

    private static final Logger LOG = Logger.getLogger(CancellationService.class);
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** What a cancellation asks for, as sent: null ticket ids are all valid tickets, a null refund the default. */
    public record Request(String kind, List<String> ticketIds, BigDecimal refundAmount, String reason) {
    }

    private final Pool pool;
    private final CancellationRepository cancellations;
    private final SaleRepository sales;
    private final OutboxRelay relay;
    private final PromoClient promo;
    private final MailOutbox mailOutbox;
    private final MailRelay mailRelay;

    public CancellationService(Pool pool, CancellationRepository cancellations, SaleRepository sales,
            OutboxRelay relay, PromoClient promo, MailOutbox mailOutbox, MailRelay mailRelay) {
        this.mailOutbox = mailOutbox;
        this.mailRelay = mailRelay;
        this.pool = pool;
        this.cancellations = cancellations;
        this.sales = sales;
        this.relay = relay;
        this.promo = promo;
    }

    /**
     * Cancels tickets of {@code purchaseId}: of event {@code eventId} for a coordinator's refund, of the donor
     * {@code ownerId} for a release (the other is null). {@code actor} is who asks and the scope of the key.
     */
    public Uni<Cancellation> cancel(UUID eventId, UUID ownerId, UUID purchaseId, UUID actor, Request request,
            String idempotencyKey) {
        List<UUID> ticketIds = checkShape(request);
        String fingerprint = fingerprint(purchaseId, request, ticketIds);
        UUID cancellationId = idempotencyKey == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("cancellation\u0000" + actor + "\u0000" + idempotencyKey)
                        .getBytes(StandardCharsets.UTF_8));
        Uni<Cancellation> attempt = pool.withTransaction(connection -> sales.bound(connection, BOUND.toMillis())
                .chain(() -> decide(connection, eventId, ownerId, purchaseId, actor, request, ticketIds,
                        cancellationId, idempotencyKey, fingerprint)))
                .onFailure(failure -> idempotencyKey != null
                        && (PgErrors.isUniqueViolation(failure, CancellationRepository.IDEMPOTENCY_KEY_INDEX)
                                || PgErrors.isUniqueViolation(failure, CancellationRepository.ID_INDEX)))
                .recoverWithUni(() -> cancellations.findByKey(pool, actor, idempotencyKey)
                        .map(stored -> new Decided(replay(stored.orElseThrow(), fingerprint), null)))
                .invoke(decided -> {
                    if (decided.effects() != null) {
                        afterCommit(decided.effects());
                    }
                })
                .map(Decided::cancellation);
        return attempt.onFailure(PgErrors::isTimedOut).transform(failure -> new DomainException(503,
                "dependency_unavailable", "The cancellation could not be decided in time; nothing changed. Retry."));
    }

    /** A decided cancellation, and what to do once it has committed (null for a replay). */
    private record Decided(Cancellation cancellation, Effects effects) {
    }

    private record Effects(UUID purchaseId, boolean purchaseCancelled, UUID promoId) {
    }

    private Uni<Decided> decide(SqlConnection connection, UUID eventId, UUID ownerId, UUID purchaseId, UUID actor,
            Request request, List<UUID> requested, UUID cancellationId, String idempotencyKey, String fingerprint) {
        return cancellations.lockPurchase(connection, purchaseId).chain(found -> {
            LockedPurchase purchase = found
                    .filter(candidate -> eventId == null || candidate.eventId().equals(eventId))
                    .filter(candidate -> ownerId == null || ownerId.equals(candidate.donorId()))
                    .orElseThrow(() -> DomainException.notFound("purchase_not_found",
                            (ownerId == null ? "This event has" : "You have") + " no purchase " + purchaseId + "."));
            // Looked up under the purchase's lock: a concurrent repeat under the same key waited for the first
            // and now finds its cancellation.
            Uni<java.util.Optional<Keyed>> stored = idempotencyKey == null
                    ? Uni.createFrom().item(java.util.Optional.empty())
                    : cancellations.findByKey(connection, actor, idempotencyKey);
            return stored.chain(keyed -> keyed.isPresent()
                    ? Uni.createFrom().item(new Decided(replay(keyed.get(), fingerprint), null))
                    : cancellations.tickets(connection, purchaseId)
                            .chain(tickets -> apply(connection, purchase, tickets, actor, request, requested,
                                    cancellationId, idempotencyKey, fingerprint)));
        });
    }

    private Uni<Decided> apply(SqlConnection connection, LockedPurchase purchase, List<TicketState> tickets,
            UUID actor, Request request, List<UUID> requested, UUID cancellationId, String idempotencyKey,
            String fingerprint) {
        List<UUID> targets = targets(purchase, tickets, requested);
        int cancelledNow = targets.size();
        int cancelledAfter = purchase.cancelledSeats() + cancelledNow;
        int totalSeats = purchase.totalSeats();
        int packagesReturned = cancelledAfter / purchase.seatsPerPackage() - purchase.packagesReturned();
        BigDecimal refund = refund(purchase, request, cancelledNow, cancelledAfter);
        BigDecimal refundedAfter = purchase.refundedAmount().add(refund);
        boolean purchaseCancelled = cancelledAfter == totalSeats;
        BigDecimal deductible = Money.taxDeductible(purchase.ticketPart(), refundedAfter, purchase.donationAmount(),
                purchase.fairMarketValue(), totalSeats - cancelledAfter, purchase.seatsPerPackage(),
                PurchaseTerms.COMPLIMENTARY.equals(purchase.payment()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Cancellation cancellation = new Cancellation(cancellationId, purchase.id(), targets, packagesReturned, refund,
                request.kind(), request.reason() == null ? null : request.reason().trim(), actor, now);
        return cancellations.cancelTickets(connection, purchase.id(), targets, cancellationId,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).chain(cancelled -> {
                    if (cancelled != cancelledNow) {
                        // Only a check-in can have changed them: the purchase row is ours until we commit.
                        throw new DomainException(409, "already_checked_in",
                                "A ticket of this cancellation was checked in meanwhile; nothing was cancelled.");
                    }
                    return cancellations.updatePurchase(connection, purchase.id(), cancelledAfter,
                            purchase.packagesReturned() + packagesReturned, refundedAfter,
                            purchaseCancelled ? Purchase.CANCELLED : Purchase.ACTIVE, deductible);
                })
                .chain(() -> cancellations.returnStock(connection, purchase.packageId(), packagesReturned,
                        cancelledNow, refund))
                .chain(after -> cancellations.insert(connection, cancellation, purchase.eventId(), idempotencyKey,
                        fingerprint)
                        .chain(() -> cancellations.insertEvent(connection, SaleEvent.cancelled(purchase.eventId(),
                                purchase.packageId(), purchase.donorId(), purchase.promoId(), cancellation,
                                purchaseCancelled, after)))
                        .chain(() -> purchase.email() == null
                                ? Uni.createFrom().voidItem()
                                : mailOutbox.queue(connection, List.of(
                                        Mail.cancellation(purchase.id(), cancellationId, purchase.email())))))
                .replaceWith(new Decided(cancellation,
                        new Effects(purchase.id(), purchaseCancelled, purchase.promoId())));
    }

    /**
     * The tickets to cancel: the ones named (each of this purchase, still valid, not checked in), or by default
     * all its valid tickets.
     */
    private static List<UUID> targets(LockedPurchase purchase, List<TicketState> tickets, List<UUID> requested) {
        Map<UUID, TicketState> byId = new java.util.HashMap<>();
        tickets.forEach(ticket -> byId.put(ticket.id(), ticket));
        List<TicketState> chosen = new ArrayList<>();
        if (requested == null) {
            tickets.stream().filter(TicketState::valid).forEach(chosen::add);
            if (chosen.isEmpty()) {
                throw new DomainException(409, "ticket_cancelled",
                        "Every ticket of purchase " + purchase.id() + " is already cancelled.");
            }
        } else {
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < requested.size(); i++) {
                TicketState ticket = byId.get(requested.get(i));
                if (ticket == null) {
                    errors.add(new FieldError("ticket_ids[" + i + "]", "not a ticket of this purchase"));
                } else {
                    chosen.add(ticket);
                }
            }
            if (!errors.isEmpty()) {
                throw DomainException.validation(errors);
            }
        }
        if (chosen.stream().anyMatch(ticket -> !ticket.valid())) {
            throw new DomainException(409, "ticket_cancelled", "A ticket of this request is already cancelled.");
        }
        if (chosen.stream().anyMatch(TicketState::checkedIn)) {
            throw new DomainException(409, "already_checked_in",
                    "A ticket of this request was already checked in; checked-in tickets cannot be cancelled.");
        }
        return chosen.stream().map(TicketState::id).toList();
    }

    private static BigDecimal refund(LockedPurchase purchase, Request request, int cancelledNow, int cancelledAfter) {
        if (Cancellation.RELEASE.equals(request.kind())) {
            return Money.ZERO;
        }
        BigDecimal refundable = Money.refundable(purchase.ticketPart(), purchase.refundedAmount());
        if (request.refundAmount() != null) {
            if (request.refundAmount().compareTo(refundable) > 0) {
                throw DomainException.validation("refund_amount",
                        "refund_amount must not exceed the refundable amount " + refundable.toPlainString());
            }
            return Money.of(request.refundAmount());
        }
        return Money.proRataRefund(purchase.ticketPart(), purchase.refundedAmount(), cancelledNow, cancelledAfter,
                purchase.totalSeats());
    }

    /** After the commit: publish at once, and a fully cancelled purchase gives its promo use back now. */
    private void afterCommit(Effects effects) {
        relay.trigger();
        mailRelay.trigger();
        if (effects.purchaseCancelled() && effects.promoId() != null) {
            promo.returnUse(effects.purchaseId()).subscribe().with(
                    done -> LOG.debugf("returned the promo use of cancelled purchase %s", effects.purchaseId()),
                    failure -> LOG.warnf("could not return the promo use of cancelled purchase %s now (%s); the "
                            + "tickets_cancelled event returns it", effects.purchaseId(), failure.toString()));
        }
    }

    private static Cancellation replay(Keyed stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new DomainException(422, "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different cancellation.");
        }
        return stored.cancellation();
    }

    /** The rules a request must meet before anything is read: 422 validation_failed with one entry per field. */
    private static List<UUID> checkShape(Request request) {
        List<FieldError> errors = new ArrayList<>();
        List<UUID> ids = null;
        if (request.ticketIds() != null) {
            if (request.ticketIds().isEmpty()) {
                errors.add(new FieldError("ticket_ids", "ticket_ids must name at least one ticket, or be left out"));
            }
            Set<UUID> seen = new HashSet<>();
            ids = new ArrayList<>();
            for (int i = 0; i < request.ticketIds().size(); i++) {
                String text = request.ticketIds().get(i);
                UUID id = parse(text);
                if (id == null) {
                    errors.add(new FieldError("ticket_ids[" + i + "]", "not a ticket id"));
                } else if (!seen.add(id)) {
                    errors.add(new FieldError("ticket_ids[" + i + "]", "ticket " + id + " is named twice"));
                } else {
                    ids.add(id);
                }
            }
        }
        if (Cancellation.REFUND.equals(request.kind())) {
            String reason = request.reason();
            if (reason == null || reason.isBlank() || reason.trim().length() > 500 || !Text.storable(reason)) {
                errors.add(new FieldError("reason", "reason must be 1 to 500 characters"));
            }
            if (request.refundAmount() != null && !Money.isAmount(request.refundAmount())) {
                errors.add(new FieldError("refund_amount",
                        "refund_amount must be an amount of at least 0 with at most two decimals"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        return ids;
    }

    private static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String fingerprint(UUID purchaseId, Request request, List<UUID> ticketIds) {
        StringBuilder canonical = new StringBuilder().append(request.kind()).append('|').append(purchaseId).append('|');
        if (ticketIds == null) {
            canonical.append("all");
        } else {
            new LinkedHashSet<>(ticketIds).stream().map(UUID::toString).sorted()
                    .forEach(id -> canonical.append(id).append(','));
        }
        canonical.append('|').append(request.refundAmount() == null
                ? ""
                : request.refundAmount().stripTrailingZeros().toPlainString());
        canonical.append('|').append(request.reason() == null ? "" : request.reason().trim());
        return RequestFingerprint.digest(canonical.toString());
    }
}
