-- promo-service schema: promo codes, one application row per use, and the packages known from catalog.packages.

CREATE TABLE promo_codes (
    id                 uuid           NOT NULL,
    event_id           uuid           NOT NULL,
    -- Stored upper-case so that codes are case-insensitive; the unique index compares upper(code) anyway.
    code               varchar(50)    NOT NULL,
    discount_type      varchar(16)    NOT NULL,
    discount_value     numeric(12, 2) NOT NULL,
    max_total_uses     integer,
    max_uses_per_donor integer,
    -- Number of applications that are not released; changed only together with an application row.
    current_uses       integer        NOT NULL DEFAULT 0,
    valid_from         timestamptz,
    expires_at         timestamptz,
    is_active          boolean        NOT NULL DEFAULT true,
    -- Empty = every package of the event.
    package_ids        uuid[]         NOT NULL DEFAULT '{}',
    -- Bumped by every admin edit (If-Match); usage changes do not bump it.
    version            bigint         NOT NULL DEFAULT 1,
    created_at         timestamptz    NOT NULL DEFAULT now(),
    updated_at         timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT pk_promo_codes PRIMARY KEY (id),
    CONSTRAINT ck_promo_code_format CHECK (code ~ '^[A-Z0-9_-]{3,50}$'),
    CONSTRAINT ck_promo_discount_type CHECK (discount_type IN ('percentage', 'fixed_amount')),
    CONSTRAINT ck_promo_percentage_range CHECK (discount_type <> 'percentage' OR (discount_value > 0 AND discount_value <= 100)),
    CONSTRAINT ck_promo_fixed_amount_positive CHECK (discount_type <> 'fixed_amount' OR discount_value > 0),
    CONSTRAINT ck_promo_max_total_uses_positive CHECK (max_total_uses IS NULL OR max_total_uses >= 1),
    CONSTRAINT ck_promo_max_uses_per_donor_positive CHECK (max_uses_per_donor IS NULL OR max_uses_per_donor >= 1),
    CONSTRAINT ck_promo_current_uses_nonnegative CHECK (current_uses >= 0),
    -- Last line of defence against an oversold code; the conditional update is the first.
    CONSTRAINT ck_promo_current_uses_within_limit CHECK (max_total_uses IS NULL OR current_uses <= max_total_uses),
    CONSTRAINT ck_promo_expires_after_valid_from CHECK (valid_from IS NULL OR expires_at IS NULL OR expires_at > valid_from),
    CONSTRAINT ck_promo_version_positive CHECK (version >= 1)
);

-- Also serves every lookup by event (leading column).
CREATE UNIQUE INDEX ux_promo_codes_event_code ON promo_codes (event_id, upper(code));

CREATE TABLE promo_code_applications (
    id              uuid           NOT NULL,
    promo_id        uuid           NOT NULL,
    purchase_id     uuid           NOT NULL,
    event_id        uuid           NOT NULL,
    donor_id        uuid           NOT NULL,
    package_id      uuid           NOT NULL,
    quantity        integer        NOT NULL,
    base_price      numeric(12, 2) NOT NULL,
    discount_amount numeric(12, 2) NOT NULL,
    status          varchar(16)    NOT NULL DEFAULT 'redeemed',
    created_at      timestamptz    NOT NULL DEFAULT now(),
    confirmed_at    timestamptz,
    released_at     timestamptz,
    CONSTRAINT pk_promo_code_applications PRIMARY KEY (id),
    CONSTRAINT fk_promo_code_applications_promo FOREIGN KEY (promo_id) REFERENCES promo_codes (id) ON DELETE CASCADE,
    -- One use per purchase: this is what makes redeem idempotent.
    CONSTRAINT uq_promo_code_applications_purchase UNIQUE (purchase_id),
    CONSTRAINT ck_promo_application_status CHECK (status IN ('redeemed', 'confirmed', 'released')),
    CONSTRAINT ck_promo_application_quantity CHECK (quantity >= 1),
    CONSTRAINT ck_promo_application_base_price CHECK (base_price >= 0),
    CONSTRAINT ck_promo_application_discount CHECK (discount_amount >= 0 AND discount_amount <= base_price)
);

-- The per-donor limit counts a donor's applications of one code.
CREATE INDEX ix_promo_code_applications_promo_donor ON promo_code_applications (promo_id, donor_id);
CREATE INDEX ix_promo_code_applications_event ON promo_code_applications (event_id);
-- Reconciliation scans only the redemptions still waiting for their sale.
CREATE INDEX ix_promo_code_applications_unconfirmed ON promo_code_applications (created_at) WHERE status = 'redeemed';

-- Packages as last seen on catalog.packages: scope checks and prices for validate's discount_amount.
CREATE TABLE known_packages (
    package_id uuid           NOT NULL,
    event_id   uuid           NOT NULL,
    price      numeric(12, 2),
    deleted    boolean        NOT NULL DEFAULT false,
    -- The catalog's version of the snapshot; an older snapshot never overwrites a newer one.
    version    bigint         NOT NULL,
    updated_at timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT pk_known_packages PRIMARY KEY (package_id),
    CONSTRAINT ck_known_packages_price_nonnegative CHECK (price IS NULL OR price >= 0)
);

CREATE INDEX ix_known_packages_event ON known_packages (event_id);
