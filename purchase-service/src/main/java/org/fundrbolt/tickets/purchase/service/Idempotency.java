package org.fundrbolt.tickets.purchase.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.PurchaseOrder;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries;
import org.fundrbolt.tickets.purchase.repository.PurchaseQueries.KeyedPurchase;

import io.smallrye.mutiny.Uni;

/**
 * The Idempotency-Key of checkout (ARCHITECTURE.md, step 1): the same key from the same donor is one
 * purchase. A repeat is answered the stored purchase, a different body under a used key is refused.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern PRINTABLE_KEY = Pattern.compile("[\\x20-\\x7E]{1,200}");

    /**
     * A key as its sender scoped it ({@code owner}: the donor at checkout, the coordinator for their orders; value
     * null when the request carried none) and the fingerprint of the body sent with it.
     */
    public record Key(UUID owner, String value, String fingerprint) {
    }

    /** A keyed purchase being made in this process, which a concurrent repeat waits for. */
    private record InFlight(String fingerprint, Uni<Purchase> result) {
    }

    private final PurchaseQueries purchases;
    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

    public Idempotency(PurchaseQueries purchases) {
        this.purchases = purchases;
    }

    /**
     * The purchase id of a keyed purchase, derived from {@code (donor_id, key)}: every attempt of one purchase
     * (a retry after a timeout, a concurrent repeat, on any replica) redeems the same promo use and inserts the
     * same row, so a repeat can never take a second use. A purchase without a key gets a random id.
     */
    public static UUID purchaseId(Key key) {
        if (key.value() == null) {
            return UUID.randomUUID();
        }
        return UUID.nameUUIDFromBytes(("purchase\u0000" + key.owner() + "\u0000" + key.value())
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of the header's values as sent: null when the header is absent; else its one value, which must be
     * 1 to 200 printable ASCII characters, not all blank, or 400 invalid_idempotency_key.
     */
    public static String checkFormat(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String key = values.get(0);
        if (values.size() > 1 || key == null || key.isBlank() || !PRINTABLE_KEY.matcher(key).matches()) {
            throw new DomainException(400, "invalid_idempotency_key",
                    "Idempotency-Key must be one value of 1 to 200 printable ASCII characters, not blank.");
        }
        return key;
    }

    public static Key key(UUID eventId, UUID owner, String key, PurchaseOrder order) {
        return new Key(owner, key, RequestFingerprint.of(eventId, order));
    }

    /**
     * Step 1, the claim before any work: the purchase stored under the key; else, when the same key is being
     * bought in this process right now, that attempt's result (a different body under it is 422); else what
     * {@code sale} makes, which later repeats then wait for. Across replicas the derived purchase id and the
     * database's unique key settle it: a concurrent insert waits on the first's key and is answered its
     * purchase (DUPLICATE_KEY, {@link #stored}).
     */
    public Uni<Purchase> storedOr(Key key, Supplier<Uni<Purchase>> sale) {
        if (key.value() == null) {
            return sale.get();
        }
        return Uni.createFrom().deferred(() -> {
            String slot = key.owner() + "\u0000" + key.value();
            InFlight[] mine = new InFlight[1];
            mine[0] = new InFlight(key.fingerprint(), purchases.findByKey(key.owner(), key.value())
                    .chain(stored -> stored.isPresent() ? replay(stored.get(), key) : sale.get())
                    .onTermination().invoke(() -> inFlight.remove(slot, mine[0]))
                    .memoize().indefinitely());
            InFlight running = inFlight.putIfAbsent(slot, mine[0]);
            if (running == null) {
                return mine[0].result();
            }
            if (!running.fingerprint().equals(key.fingerprint())) {
                return Uni.createFrom().failure(reused());
            }
            return running.result();
        });
    }

    /** Whether a purchase was committed under the key (then a failed attempt must not give its promo use back). */
    public Uni<Boolean> soldUnder(Key key) {
        if (key.value() == null) {
            return Uni.createFrom().item(false);
        }
        return purchases.findByKey(key.owner(), key.value()).map(java.util.Optional::isPresent);
    }

    /** The purchase another request committed under the key meanwhile. */
    public Uni<Purchase> stored(Key key) {
        return purchases.findByKey(key.owner(), key.value()).chain(stored -> replay(stored.orElseThrow(), key));
    }

    private Uni<Purchase> replay(KeyedPurchase stored, Key key) {
        if (!stored.fingerprint().equals(key.fingerprint())) {
            throw reused();
        }
        return purchases.find(stored.purchaseId()).map(found -> found.orElseThrow());
    }

    private static DomainException reused() {
        return new DomainException(422, "idempotency_key_reused",
                "This Idempotency-Key was already used for a different purchase.");
    }
}
