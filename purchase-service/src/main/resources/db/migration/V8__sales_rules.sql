-- Sales rules (API.md, "Sales rules"): the package's sale window, per-order limits, visibility and price tiers,
-- carried by the catalog.packages snapshot and decided here at claim time.
ALTER TABLE inventory
    ADD COLUMN sales_start_at timestamptz,
    ADD COLUMN sales_end_at   timestamptz,
    ADD COLUMN min_per_order  integer NOT NULL DEFAULT 1,
    ADD COLUMN max_per_order  integer NOT NULL DEFAULT 100,
    ADD COLUMN visibility     text    NOT NULL DEFAULT 'public',
    ADD COLUMN price_tiers    jsonb   NOT NULL DEFAULT '[]',
    ADD CONSTRAINT ck_inventory_window CHECK (sales_end_at IS NULL OR sales_start_at IS NULL
                                              OR sales_end_at > sales_start_at),
    ADD CONSTRAINT ck_inventory_per_order CHECK (min_per_order BETWEEN 1 AND 100 AND max_per_order BETWEEN 1 AND 100
                                                 AND max_per_order >= min_per_order),
    ADD CONSTRAINT ck_inventory_visibility CHECK (visibility IN ('public', 'hidden')),
    ADD CONSTRAINT ck_inventory_price_tiers CHECK (jsonb_typeof(price_tiers) = 'array');
