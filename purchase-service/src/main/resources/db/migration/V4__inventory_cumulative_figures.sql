-- The package's cumulative sale figures, kept on the inventory row by every claim and carried in every sale
-- event (ARCHITECTURE.md, Events: revenue_after, tickets_after), so that any later event, or the catalog's
-- periodic reconciliation, repairs a sales view that missed one. Wide enough for an unlimited package.
ALTER TABLE inventory ADD COLUMN tickets_sold bigint NOT NULL DEFAULT 0,
                      ADD COLUMN revenue numeric(20,2) NOT NULL DEFAULT 0;
UPDATE inventory i SET
    tickets_sold = (SELECT count(*) FROM tickets t JOIN purchases p ON p.id = t.purchase_id
                    WHERE p.package_id = i.package_id),
    revenue = (SELECT coalesce(sum(p.total_price), 0) FROM purchases p WHERE p.package_id = i.package_id);
-- The reconciliation reads the rows changed since its last pass.
CREATE INDEX ix_inventory_updated ON inventory (updated_at, package_id);
