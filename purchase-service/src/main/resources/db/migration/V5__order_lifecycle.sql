-- The order lifecycle (API.md, "Order lifecycle"): cancellations and refunds, seats released to the charity,
-- coordinator orders (complimentary, offline-paid) and donations at checkout. Everything is decided in
-- purchase-service's own transactions; the CHECKs below hold even if that code were wrong.

-- A purchase's channel, payment, gift, refunds and where its tickets are mailed. donor_id is null for a
-- coordinator order made for nobody in particular; key_owner scopes Idempotency-Key to whoever sent it (the
-- donor at checkout, the coordinator for their orders).
ALTER TABLE purchases
    ADD COLUMN status            varchar(10)   NOT NULL DEFAULT 'active',
    ADD COLUMN channel           varchar(10)   NOT NULL DEFAULT 'checkout',
    ADD COLUMN payment           varchar(15)   NOT NULL DEFAULT 'platform',
    ADD COLUMN donation_amount   numeric(14,2) NOT NULL DEFAULT 0,
    ADD COLUMN refunded_amount   numeric(14,2) NOT NULL DEFAULT 0,
    ADD COLUMN email             varchar(320),
    ADD COLUMN buyer_name        varchar(200),
    ADD COLUMN note              varchar(500),
    ADD COLUMN created_by        uuid,
    ADD COLUMN key_owner         uuid,
    ADD COLUMN cancelled_seats   integer       NOT NULL DEFAULT 0,
    ADD COLUMN packages_returned integer       NOT NULL DEFAULT 0;
UPDATE purchases SET created_by = donor_id, key_owner = donor_id;
ALTER TABLE purchases ALTER COLUMN donor_id DROP NOT NULL,
                      ALTER COLUMN idempotency_key TYPE varchar(220),
                      ADD CONSTRAINT ck_purchases_key_owner CHECK (idempotency_key IS NULL OR key_owner IS NOT NULL);
ALTER TABLE purchases DROP CONSTRAINT ck_purchases_amounts;
ALTER TABLE purchases
    ADD CONSTRAINT ck_purchases_amounts CHECK (base_price >= 0 AND discount_amount >= 0
        AND discount_amount <= base_price AND donation_amount >= 0
        AND total_price = base_price - discount_amount + donation_amount),
    -- a refund never exceeds the ticket part; a donation is never refunded here
    ADD CONSTRAINT ck_purchases_refund CHECK (refunded_amount >= 0
        AND refunded_amount <= base_price - discount_amount),
    ADD CONSTRAINT ck_purchases_status CHECK (status IN ('active', 'cancelled')),
    ADD CONSTRAINT ck_purchases_channel CHECK (channel IN ('checkout', 'admin')),
    ADD CONSTRAINT ck_purchases_payment CHECK (payment IN ('platform', 'complimentary', 'offline')),
    -- floor(cancelled seats / seats per package) packages count as returned, never more
    ADD CONSTRAINT ck_purchases_cancelled CHECK (cancelled_seats >= 0
        AND cancelled_seats <= quantity * seats_per_package
        AND packages_returned = cancelled_seats / seats_per_package
        AND (status = 'cancelled') = (cancelled_seats = quantity * seats_per_package));
CREATE UNIQUE INDEX uq_purchases_owner_idempotency_key ON purchases (key_owner, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
DROP INDEX uq_purchases_donor_idempotency_key;
CREATE INDEX ix_purchases_event_status_seq ON purchases (event_id, status, seq DESC);

-- A ticket is valid or cancelled; a cancelled ticket is never checked in and a checked-in one never cancelled.
ALTER TABLE tickets
    ADD COLUMN status          varchar(10) NOT NULL DEFAULT 'valid',
    ADD COLUMN cancellation_id uuid,
    ADD COLUMN cancelled_at    timestamptz,
    ADD CONSTRAINT ck_tickets_status CHECK (status IN ('valid', 'cancelled')),
    ADD CONSTRAINT ck_tickets_cancel_or_check_in CHECK (status = 'valid' OR checked_in_at IS NULL);

-- One row per cancellation (kind 'refund' by a coordinator, 'release' by the donor), oldest first by seq.
CREATE TABLE cancellations (
    id                 uuid          NOT NULL,
    seq                bigserial     NOT NULL,
    purchase_id        uuid          NOT NULL,
    event_id           uuid          NOT NULL,
    kind               varchar(10)   NOT NULL,
    ticket_ids         uuid[]        NOT NULL,
    packages_returned  integer       NOT NULL,
    refund_amount      numeric(14,2) NOT NULL,
    reason             varchar(500),
    created_by         uuid          NOT NULL,
    idempotency_key    varchar(200),
    request_hash       varchar(64),
    created_at         timestamptz   NOT NULL,
    CONSTRAINT pk_cancellations PRIMARY KEY (id),
    CONSTRAINT fk_cancellations_purchase FOREIGN KEY (purchase_id) REFERENCES purchases (id) ON DELETE CASCADE,
    CONSTRAINT ck_cancellations_kind CHECK (kind IN ('refund', 'release')),
    CONSTRAINT ck_cancellations_refund CHECK (refund_amount >= 0 AND (kind = 'refund' OR refund_amount = 0)),
    CONSTRAINT ck_cancellations_tickets CHECK (cardinality(ticket_ids) >= 1),
    CONSTRAINT ck_cancellations_returned CHECK (packages_returned >= 0)
);
CREATE INDEX ix_cancellations_purchase ON cancellations (purchase_id, seq);
CREATE UNIQUE INDEX uq_cancellations_actor_idempotency_key ON cancellations (created_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The package's cumulative figures gain refunds, donations and cancelled seats (ARCHITECTURE.md, Events:
-- refunded_after, donations_after, cancelled_tickets_after); revenue is net of refunds, tickets_sold counts
-- valid seats and sold_count packages sold minus returned.
ALTER TABLE inventory ADD COLUMN refunded numeric(20,2) NOT NULL DEFAULT 0,
                      ADD COLUMN donations numeric(20,2) NOT NULL DEFAULT 0,
                      ADD COLUMN cancelled_tickets bigint NOT NULL DEFAULT 0;
