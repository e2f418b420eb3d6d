-- An unlimited package's revenue can outgrow numeric(14,2) (10^12); the projection now takes purchase-service's
-- cumulative figures (revenue_after, tickets_after), kept as wide as the inventory row's.
ALTER TABLE sales_projection ALTER COLUMN revenue TYPE numeric(20,2),
                             ALTER COLUMN tickets_sold TYPE bigint;
