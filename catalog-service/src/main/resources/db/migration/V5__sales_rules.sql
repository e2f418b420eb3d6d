-- Sales rules (API.md, "Sales rules"): a sales window, per-order limits, hidden packages and early-bird prices.
-- Existing packages get the defaults: always on sale, 1 to 100 per order, public, no tiers.
ALTER TABLE ticket_packages
    -- null = unbounded on that side
    ADD COLUMN sales_start_at timestamptz,
    ADD COLUMN sales_end_at   timestamptz,
    ADD COLUMN min_per_order  integer NOT NULL DEFAULT 1,
    ADD COLUMN max_per_order  integer NOT NULL DEFAULT 100,
    ADD COLUMN visibility     text    NOT NULL DEFAULT 'public',
    -- [{"label","price":"100.00","ends_at":"2026-12-04T10:00:00Z"}], ends_at strictly increasing (checked by the service)
    ADD COLUMN price_tiers    jsonb   NOT NULL DEFAULT '[]',
    ADD CONSTRAINT ck_package_sales_window
        CHECK (sales_start_at IS NULL OR sales_end_at IS NULL OR sales_end_at > sales_start_at),
    ADD CONSTRAINT ck_package_min_per_order_range CHECK (min_per_order BETWEEN 1 AND 100),
    ADD CONSTRAINT ck_package_max_per_order_range CHECK (max_per_order BETWEEN 1 AND 100),
    ADD CONSTRAINT ck_package_per_order_limits CHECK (max_per_order >= min_per_order),
    ADD CONSTRAINT ck_package_visibility CHECK (visibility IN ('public', 'hidden')),
    ADD CONSTRAINT ck_package_price_tiers_list
        CHECK (jsonb_typeof(price_tiers) = 'array' AND jsonb_array_length(price_tiers) <= 5);

COMMENT ON COLUMN ticket_packages.visibility IS 'hidden: left out of the public list unless a promo code unlocks it';
