-- Sales rules (API.md, "Sales rules"): codes that unlock hidden packages, pure access codes without a discount,
-- and the early-bird price tiers of the packages known from catalog.packages.

ALTER TABLE promo_codes
    -- Hidden packages the code unlocks; the code also applies to them whatever package_ids says. May change after use.
    ADD COLUMN unlocks_package_ids uuid[] NOT NULL DEFAULT '{}',
    DROP CONSTRAINT ck_promo_discount_type,
    ADD CONSTRAINT ck_promo_discount_type CHECK (discount_type IN ('percentage', 'fixed_amount', 'none')),
    -- A pure access code takes nothing off; its value is stored as 0 so that every code has one.
    ADD CONSTRAINT ck_promo_none_discount_zero CHECK (discount_type <> 'none' OR discount_value = 0);

-- [{"label", "price", "ends_at"}] as the catalog's snapshot had them: the price in force is the first tier whose
-- ends_at is still ahead, else price. Older snapshots carry none.
ALTER TABLE known_packages
    ADD COLUMN price_tiers jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT ck_known_packages_price_tiers_array CHECK (jsonb_typeof(price_tiers) = 'array');
