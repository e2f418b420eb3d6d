package org.fundrbolt.tickets.purchase.domain;

import org.fundrbolt.tickets.purchase.rest.model.PurchaseView;

/**
 * What claiming stock did for one buyer: sold (with the stored purchase), sold out, no such package, or
 * the buyer's Idempotency-Key was used meanwhile by a purchase committed elsewhere.
 */
public record SaleOutcome(Result result, PurchaseView purchase) {

    /** The three ends of a claim. */
    public enum Result { SOLD, SOLD_OUT, PACKAGE_GONE, DUPLICATE_KEY, CONFLICT }

    public static final SaleOutcome SOLD_OUT = new SaleOutcome(Result.SOLD_OUT, null);
    public static final SaleOutcome PACKAGE_GONE = new SaleOutcome(Result.PACKAGE_GONE, null);
    public static final SaleOutcome DUPLICATE_KEY = new SaleOutcome(Result.DUPLICATE_KEY, null);

    public static SaleOutcome sold(PurchaseView purchase) {
        return new SaleOutcome(Result.SOLD, purchase);
    }
}
