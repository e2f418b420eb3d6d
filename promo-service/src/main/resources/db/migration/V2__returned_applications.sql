-- A fully cancelled purchase gives its promo use back (API.md, "Order lifecycle"): its application becomes
-- 'returned', for good. Unlike 'released' (the sale never happened), the purchase exists, so a late ticket_sold
-- must not count the use again; both leave current_uses, which now counts the applications 'redeemed' or
-- 'confirmed', and neither counts toward max_uses_per_donor.
ALTER TABLE promo_code_applications
    ADD COLUMN returned_at timestamptz,
    DROP CONSTRAINT ck_promo_application_status,
    ADD CONSTRAINT ck_promo_application_status CHECK (status IN ('redeemed', 'confirmed', 'released', 'returned')),
    ADD CONSTRAINT ck_promo_application_returned_at CHECK (status <> 'returned' OR returned_at IS NOT NULL);
