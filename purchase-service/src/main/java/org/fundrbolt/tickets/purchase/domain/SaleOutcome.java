package org.fundrbolt.tickets.purchase.domain;

/**
 * What claiming stock did for one buyer: sold (with the stored purchase), sold out, no such package, not on sale at the claim's instant, the
 * buyer's Idempotency-Key was used meanwhile by a purchase committed elsewhere, the package's queue was full
 * (busy), the buyer's deadline passed before a claim could commit (expired), or (naive baseline only) every
 * retry met a newer version. Busy and expired are definite: nothing was written for the buyer.
 */
public record SaleOutcome(Result result, Purchase purchase) {

    /** The ends of a claim. */
    public enum Result {
        SOLD, SOLD_OUT, PACKAGE_GONE, NOT_ON_SALE, DUPLICATE_KEY, BUSY, EXPIRED, CONFLICT
    }

    public static final SaleOutcome SOLD_OUT = new SaleOutcome(Result.SOLD_OUT, null);
    public static final SaleOutcome PACKAGE_GONE = new SaleOutcome(Result.PACKAGE_GONE, null);
    /** The sale window did not hold at the claim's instant (API.md, "Sales rules"): nothing was sold. */
    public static final SaleOutcome NOT_ON_SALE = new SaleOutcome(Result.NOT_ON_SALE, null);
    public static final SaleOutcome DUPLICATE_KEY = new SaleOutcome(Result.DUPLICATE_KEY, null);
    public static final SaleOutcome BUSY = new SaleOutcome(Result.BUSY, null);
    public static final SaleOutcome EXPIRED = new SaleOutcome(Result.EXPIRED, null);
    public static final SaleOutcome CONFLICT = new SaleOutcome(Result.CONFLICT, null);

    public static SaleOutcome sold(Purchase purchase) {
        return new SaleOutcome(Result.SOLD, purchase);
    }

    public boolean isSold() {
        return result == Result.SOLD;
    }
}
