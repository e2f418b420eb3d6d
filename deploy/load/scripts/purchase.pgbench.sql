-- The sale's transaction as purchase-service runs it for one buyer (ARCHITECTURE.md, step 4):
-- the versioned conditional update of the hot inventory row, the purchase, its ticket, its outbox row.
BEGIN;
UPDATE inventory SET sold_count = sold_count + 1, version = version + 1
 WHERE package_id = :package AND enabled AND NOT deleted
   AND (quantity_limit IS NULL OR sold_count + 1 <= quantity_limit)
 RETURNING sold_count, version;
INSERT INTO purchases (id, event_id, package_id, donor_id, package_name, quantity, seats_per_package, unit_price,
    base_price, discount_amount, total_price, inventory_version, sold_count_after, created_at)
 VALUES (gen_random_uuid(), :event, :package, gen_random_uuid(), 'Bench', 1, 1, 50.00, 50.00, 0.00, 50.00, 0, 0, now())
 RETURNING id AS purchase_id \gset
INSERT INTO tickets (id, purchase_id, event_id, seat_index, ticket_number, qr_code)
 VALUES (gen_random_uuid(), :purchase_id, :event, 0, 'B-' || nextval('ticket_number_seq'), 'qr');
INSERT INTO outbox (topic, message_key, payload) VALUES ('purchase.sales', :package, '{"bench": true}');
END;
