-- A purchase whose redeem purchase-service gave up on (a timeout: its outcome unknown) and released for good
-- (ARCHITECTURE.md, "Idempotency claims first": a redeem that times out is released in the background). The release
-- may reach promo before the redeem it releases has committed, or before it has even arrived: this row is what a
-- late redeem meets, so it is refused instead of holding a use nobody will ever give back. Release and redeem of a
-- purchase are serialised by a transaction-scoped advisory lock on the purchase id. Kept a day, then deleted.
CREATE TABLE released_purchases (
    purchase_id uuid        NOT NULL,
    released_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_released_purchases PRIMARY KEY (purchase_id)
);

CREATE INDEX ix_released_purchases_released_at ON released_purchases (released_at);

-- The purchase-service attempt that holds the use: a keyed purchase is retried under the same purchase id, and the
-- retry takes the use over, so that a release sent by an earlier attempt of it (after its redeem timed out, or
-- its stock ran out) gives back nothing the retry is selling with. Null for uses redeemed before this column.
ALTER TABLE promo_code_applications ADD COLUMN attempt_id uuid;
