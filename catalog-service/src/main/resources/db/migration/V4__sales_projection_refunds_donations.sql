-- Cancellations, refunds and donations (API.md, "Order lifecycle"): the projection keeps purchase-service's
-- cumulative refunded_after, donations_after and cancelled_tickets_after per package. sold_count now goes down
-- on a cancellation (packages returned) and tickets_sold counts valid seats; a package's figures are ordered
-- by inventory_version alone, never by the size of sold_count.
ALTER TABLE sales_projection
    ADD COLUMN refunded          numeric(20,2) NOT NULL DEFAULT 0,
    ADD COLUMN donations         numeric(20,2) NOT NULL DEFAULT 0,
    ADD COLUMN cancelled_tickets bigint        NOT NULL DEFAULT 0,
    -- The inventory_version of the last cumulative figures taken (an event or the reconciliation): an event of
    -- the oldest shape, which only adds its own purchase, is already counted in them when not newer. Existing
    -- rows start at 0, so such events add as they did before.
    ADD COLUMN figures_version   bigint        NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_sales_projection_lifecycle_nonnegative
        CHECK (refunded >= 0 AND donations >= 0 AND cancelled_tickets >= 0 AND figures_version >= 0);

COMMENT ON COLUMN sales_projection.sold_count IS 'packages sold minus packages returned by cancellations';
COMMENT ON COLUMN sales_projection.tickets_sold IS 'valid seats (sold minus cancelled)';
COMMENT ON COLUMN sales_projection.revenue IS 'sum of total_price (donations included) minus refunds';
