-- purchase-service: the authoritative inventory (fed by catalog.packages), purchases with their
-- option responses and tickets, idempotency, and the outbox of purchase.sales.

CREATE TABLE inventory (
    package_id         uuid          NOT NULL,
    event_id           uuid          NOT NULL,
    name               varchar(100)  NOT NULL DEFAULT '',
    unit_price         numeric(12,2) NOT NULL DEFAULT 0,
    quantity_limit     integer,
    enabled            boolean       NOT NULL DEFAULT false,
    deleted            boolean       NOT NULL DEFAULT false,
    seats_per_package  integer       NOT NULL DEFAULT 1,
    fair_market_value  numeric(12,2),
    -- custom options of the package as the catalog snapshot carries them
    option_schema      jsonb         NOT NULL DEFAULT '[]'::jsonb,
    sold_count         integer       NOT NULL DEFAULT 0,
    -- bumped by every sale (and limit change); the sale event carries it
    version            bigint        NOT NULL DEFAULT 0,
    -- the catalog version this row reflects: older snapshots never undo a newer set-limit/retire
    catalog_version    bigint        NOT NULL DEFAULT 0,
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk_inventory PRIMARY KEY (package_id),
    CONSTRAINT ck_inventory_sold_nonnegative CHECK (sold_count >= 0),
    CONSTRAINT ck_inventory_sold_within_limit CHECK (quantity_limit IS NULL OR sold_count <= quantity_limit),
    CONSTRAINT ck_inventory_limit_positive CHECK (quantity_limit IS NULL OR quantity_limit >= 0),
    CONSTRAINT ck_inventory_price_nonnegative CHECK (unit_price >= 0),
    CONSTRAINT ck_inventory_seats_range CHECK (seats_per_package BETWEEN 1 AND 50)
);
CREATE INDEX ix_inventory_event ON inventory (event_id);

CREATE TABLE purchases (
    id                     uuid          NOT NULL,
    seq                    bigserial     NOT NULL,
    event_id               uuid          NOT NULL,
    package_id             uuid          NOT NULL,
    donor_id               uuid          NOT NULL,
    package_name           varchar(100)  NOT NULL,
    quantity               integer       NOT NULL,
    seats_per_package      integer       NOT NULL,
    unit_price             numeric(12,2) NOT NULL,
    base_price             numeric(14,2) NOT NULL,
    discount_amount        numeric(14,2) NOT NULL,
    total_price            numeric(14,2) NOT NULL,
    fair_market_value      numeric(12,2),
    tax_deductible_amount  numeric(14,2),
    promo_code             varchar(50),
    promo_id               uuid,
    idempotency_key        varchar(200),
    request_hash           varchar(64),
    inventory_version      bigint        NOT NULL,
    sold_count_after       integer       NOT NULL,
    created_at             timestamptz   NOT NULL,
    CONSTRAINT pk_purchases PRIMARY KEY (id),
    CONSTRAINT uq_purchases_seq UNIQUE (seq),
    CONSTRAINT fk_purchases_inventory FOREIGN KEY (package_id) REFERENCES inventory (package_id),
    CONSTRAINT ck_purchases_quantity_range CHECK (quantity BETWEEN 1 AND 100),
    CONSTRAINT ck_purchases_amounts CHECK (base_price >= 0 AND discount_amount >= 0
        AND discount_amount <= base_price AND total_price = base_price - discount_amount)
);
-- Idempotency-Key is scoped to the donor: the same key from the same donor is one purchase.
CREATE UNIQUE INDEX uq_purchases_donor_idempotency_key ON purchases (donor_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_purchases_event_seq ON purchases (event_id, seq DESC);
CREATE INDEX ix_purchases_donor_seq ON purchases (donor_id, seq DESC);
CREATE INDEX ix_purchases_package ON purchases (package_id);

CREATE TABLE purchase_option_responses (
    purchase_id  uuid          NOT NULL,
    option_id    uuid          NOT NULL,
    position     integer       NOT NULL,
    label        varchar(200)  NOT NULL,
    option_type  varchar(20)   NOT NULL,
    value        jsonb         NOT NULL,
    CONSTRAINT pk_purchase_option_responses PRIMARY KEY (purchase_id, option_id),
    CONSTRAINT fk_option_responses_purchase FOREIGN KEY (purchase_id) REFERENCES purchases (id) ON DELETE CASCADE
);

-- Ticket numbers come from one sequence: unique in every event, and no hot counter row per event.
CREATE SEQUENCE ticket_number_seq START WITH 1 CACHE 50;

CREATE TABLE tickets (
    id             uuid          NOT NULL,
    purchase_id    uuid          NOT NULL,
    event_id       uuid          NOT NULL,
    seat_index     integer       NOT NULL,
    ticket_number  varchar(40)   NOT NULL,
    qr_code        text          NOT NULL,
    guest_name     varchar(200),
    guest_email    varchar(320),
    checked_in_at  timestamptz,
    CONSTRAINT pk_tickets PRIMARY KEY (id),
    CONSTRAINT fk_tickets_purchase FOREIGN KEY (purchase_id) REFERENCES purchases (id) ON DELETE CASCADE,
    CONSTRAINT uq_tickets_event_number UNIQUE (event_id, ticket_number)
);
CREATE INDEX ix_tickets_purchase ON tickets (purchase_id, seat_index);

-- Transactional outbox of purchase.sales.
CREATE TABLE outbox (
    id            bigserial    NOT NULL,
    topic         varchar(100) NOT NULL,
    message_key   varchar(100) NOT NULL,
    payload       jsonb        NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    published_at  timestamptz,
    CONSTRAINT pk_outbox PRIMARY KEY (id)
);
CREATE INDEX ix_outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
