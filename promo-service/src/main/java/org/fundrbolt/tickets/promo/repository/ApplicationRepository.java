package org.fundrbolt.tickets.promo.repository;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.domain.PromoApplication;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query of {@code promo_code_applications}, the one-row-per-use ledger behind {@code current_uses}. */
@ApplicationScoped
public class ApplicationRepository {

    public Uni<PromoApplication> findByPurchase(SqlClient client, UUID purchaseId) {
        return client
                .preparedQuery("SELECT a.*, p.code, p.discount_type, p.discount_value FROM promo_code_applications a "
                        + "JOIN promo_codes p ON p.id = a.promo_id WHERE a.purchase_id = $1")
                .execute(Tuple.of(purchaseId)).map(rows -> {
                    var iterator = rows.iterator();
                    return iterator.hasNext() ? map(iterator.next()) : null;
                });
    }

    public Uni<Void> insert(SqlClient client, PromoApplication application) {
        return client.preparedQuery("INSERT INTO promo_code_applications (id, promo_id, purchase_id, event_id, "
                + "donor_id, package_id, quantity, base_price, discount_amount, status, attempt_id) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Tuple.from(new Object[]{application.id(), application.promoId(), application.purchaseId(),
                        application.eventId(), application.donorId(), application.packageId(), application.quantity(),
                        application.basePrice(), application.discountAmount(), application.status(),
                        application.attemptId()}))
                .replaceWithVoid();
    }

    /**
     * Releases the purchase's use if it is still only redeemed, giving the use back, in one statement.
     * A confirmed or returned sale is never released. Returns whether a use was given back.
     */
    public Uni<Boolean> release(SqlClient client, UUID purchaseId) {
        return release(client, purchaseId, null);
    }

    /**
     * As {@link #release(SqlClient, UUID)}, for the use as held by one attempt of the purchase ({@code attemptId},
     * null: whichever): once a later attempt has taken the use over, an earlier one's release gives nothing back.
     */
    public Uni<Boolean> release(SqlClient client, UUID purchaseId, UUID attemptId) {
        return client.preparedQuery("WITH released AS (UPDATE promo_code_applications SET status = 'released', "
                + "released_at = now() WHERE purchase_id = $1 AND status = 'redeemed' "
                + "AND ($2::uuid IS NULL OR attempt_id IS NOT DISTINCT FROM $2::uuid) RETURNING promo_id) "
                + "UPDATE promo_codes p SET current_uses = p.current_uses - 1 FROM released r WHERE p.id = r.promo_id")
                .execute(Tuple.of(purchaseId, attemptId)).map(rows -> rows.rowCount() > 0);
    }

    /** A later attempt of the purchase takes its use over (see {@link #release(SqlClient, UUID, UUID)}). */
    public Uni<Void> takeOver(SqlClient client, UUID purchaseId, UUID attemptId) {
        return client.preparedQuery("UPDATE promo_code_applications SET attempt_id = $2 WHERE purchase_id = $1")
                .execute(Tuple.of(purchaseId, attemptId)).replaceWithVoid();
    }

    /**
     * Serialises everything done to one purchase's use until the transaction ends (pg_advisory_xact_lock on a hash of
     * its id): a redeem and a release of the same purchase never interleave, so a release that arrives while the
     * redeem is still being written waits for it and releases what it wrote.
     */
    public Uni<Void> lockPurchase(SqlClient client, UUID purchaseId) {
        return client.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('purchase/' || $1, 0))")
                .execute(Tuple.of(purchaseId.toString())).replaceWithVoid();
    }

    /** Whether purchase-service released this purchase for good: no redeem for it may count a use any more. */
    public Uni<Boolean> releasedForGood(SqlClient client, UUID purchaseId) {
        return client.preparedQuery("SELECT 1 FROM released_purchases WHERE purchase_id = $1")
                .execute(Tuple.of(purchaseId)).map(rows -> rows.size() > 0);
    }

    /** Records that the purchase was released for good (a late redeem is then refused); idempotent. */
    public Uni<Void> markReleasedForGood(SqlClient client, UUID purchaseId) {
        return client.preparedQuery("INSERT INTO released_purchases (purchase_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(purchaseId)).replaceWithVoid();
    }

    /** Forgets releases older than {@code age}: no redeem arrives that late (the caller's timeout is seconds). */
    public Uni<Integer> forgetReleasesBefore(SqlClient client, Duration age) {
        return client
                .preparedQuery("DELETE FROM released_purchases WHERE released_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) age.toMillis() / 1000.0)).map(rows -> rows.rowCount());
    }

    /**
     * A released use redeemed again by a retry of the same purchase (the donor's Idempotency-Key after a sold-out or
     * failed attempt), by the attempt {@code attemptId} (null: unnamed): the application counts again from now, once
     * the caller has counted the use on the code's row.
     */
    public Uni<Boolean> redeemAgain(SqlClient client, UUID purchaseId, UUID attemptId) {
        return client.preparedQuery("UPDATE promo_code_applications SET status = 'redeemed', released_at = NULL, "
                + "created_at = now(), attempt_id = $2 WHERE purchase_id = $1 AND status = 'released'")
                .execute(Tuple.of(purchaseId, attemptId)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * Marks the purchase's use as sold for good; a no-op when there is none, it is already confirmed or it was
     * returned (the purchase was cancelled before its ticket_sold arrived).
     * A sale whose use was released (its purchase-service said so, then the sale happened after all) counts
     * the use again whatever the counter says: the sale exists, so its use does.
     */
    public Uni<Boolean> confirm(SqlClient client, UUID purchaseId) {
        return client.preparedQuery("WITH previous AS (SELECT id, status FROM promo_code_applications "
                + "WHERE purchase_id = $1 AND status IN ('redeemed', 'released') FOR UPDATE), "
                + "confirmed AS (UPDATE promo_code_applications a SET status = 'confirmed', confirmed_at = now() "
                + "FROM previous WHERE a.id = previous.id RETURNING a.promo_id, previous.status AS was), "
                + "recounted AS (UPDATE promo_codes p SET current_uses = p.current_uses + 1 FROM confirmed c "
                + "WHERE p.id = c.promo_id AND c.was = 'released' RETURNING p.id) "
                + "SELECT (SELECT count(*) FROM confirmed) AS confirmed")
                .execute(Tuple.of(purchaseId)).map(rows -> rows.iterator().next().getLong("confirmed") > 0);
    }

    /**
     * Gives back the use of a purchase that was sold and then fully cancelled, in one statement: its application
     * becomes 'returned' for good, and the counter drops unless the use had already been given back (released).
     * Redeemed counts as sold (a cancellation exists only for a committed purchase whose ticket_sold is late), and
     * confirm, release and reconciliation never touch a returned application, so a late confirmation counts
     * nothing. A no-op when there is nothing to return. Returns whether the counter dropped.
     */
    public Uni<Boolean> returnUse(SqlClient client, UUID purchaseId) {
        return client.preparedQuery("WITH previous AS (SELECT id, status FROM promo_code_applications "
                + "WHERE purchase_id = $1 AND status IN ('redeemed', 'confirmed', 'released') FOR UPDATE), "
                + "returned AS (UPDATE promo_code_applications a SET status = 'returned', returned_at = now() "
                + "FROM previous WHERE a.id = previous.id RETURNING a.promo_id, previous.status AS was), "
                + "uncounted AS (UPDATE promo_codes p SET current_uses = p.current_uses - 1 FROM returned r "
                + "WHERE p.id = r.promo_id AND r.was <> 'released' RETURNING p.id) "
                + "SELECT (SELECT count(*) FROM uncounted) AS uncounted")
                .execute(Tuple.of(purchaseId)).map(rows -> rows.iterator().next().getLong("uncounted") > 0);
    }

    /** Up to {@code limit} purchase ids whose use is still only redeemed after {@code maxAge}, oldest first. */
    public Uni<java.util.List<UUID>> unconfirmed(SqlClient client, Duration maxAge, int limit) {
        return client.preparedQuery("SELECT purchase_id FROM promo_code_applications WHERE status = 'redeemed' "
                + "AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2")
                .execute(Tuple.of((double) maxAge.toMillis() / 1000.0, limit))
                .map(rows -> {
                    java.util.List<UUID> ids = new java.util.ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("purchase_id")));
                    return ids;
                });
    }

    private static PromoApplication map(Row row) {
        return new PromoApplication(row.getUUID("id"), row.getUUID("promo_id"), row.getString("code"),
                row.getString("discount_type"), row.getBigDecimal("discount_value"), row.getUUID("purchase_id"),
                row.getUUID("event_id"), row.getUUID("donor_id"), row.getUUID("package_id"),
                row.getInteger("quantity"), row.getBigDecimal("base_price"), row.getBigDecimal("discount_amount"),
                row.getString("status"), row.getUUID("attempt_id"));
    }
}
