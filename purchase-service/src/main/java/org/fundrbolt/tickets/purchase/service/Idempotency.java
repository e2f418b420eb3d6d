package org.fundrbolt.tickets.purchase.service;

import java.util.List;
import java.util.UUID;
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

    /** A donor's key (null when the request carried none) and the fingerprint of the body sent with it. */
    public record Key(UUID donorId, String value, String fingerprint) {
    }

    private final PurchaseQueries purchases;

    public Idempotency(PurchaseQueries purchases) {
        this.purchases = purchases;
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

    public static Key key(UUID eventId, UUID donorId, String key, PurchaseOrder order) {
        return new Key(donorId, key, RequestFingerprint.of(eventId, order));
    }

    /** Step 1: the purchase stored under the key, or else what {@code sale} makes. */
    public Uni<Purchase> storedOr(Key key, Supplier<Uni<Purchase>> sale) {
        if (key.value() == null) {
            return sale.get();
        }
        // A concurrent repeat is settled by the database: its insert waits on the first's unique key, then
        // finds it committed (DUPLICATE_KEY) and is answered through stored().
        return purchases.findByKey(key.donorId(), key.value())
                .chain(stored -> stored.isPresent() ? replay(stored.get(), key) : sale.get());
    }

    /** The purchase another request committed under the key meanwhile. */
    public Uni<Purchase> stored(Key key) {
        return purchases.findByKey(key.donorId(), key.value()).chain(stored -> replay(stored.orElseThrow(), key));
    }

    private Uni<Purchase> replay(KeyedPurchase stored, Key key) {
        if (!stored.fingerprint().equals(key.fingerprint())) {
            throw new DomainException(422, "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different purchase.");
        }
        return purchases.find(stored.purchaseId()).map(found -> found.orElseThrow());
    }
}
