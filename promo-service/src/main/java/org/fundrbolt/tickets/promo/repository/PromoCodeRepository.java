package org.fundrbolt.tickets.promo.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.domain.PromoCode;
import org.fundrbolt.tickets.promo.domain.TimestampRange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every query of {@code promo_codes}; methods take the client so that callers choose the transaction. */
@ApplicationScoped
public class PromoCodeRepository {

    private static final String COLUMNS = "id, event_id, code, discount_type, discount_value, max_total_uses, "
            + "max_uses_per_donor, current_uses, valid_from, expires_at, is_active, package_ids, unlocks_package_ids, "
            + "version, created_at, updated_at";

    /**
     * An application {@code a} whose use counts toward the limits: held by a purchase in flight or sold. Released
     * (never sold) and returned (sold, then fully cancelled) uses do not.
     */
    private static final String COUNTS = "a.status IN ('redeemed', 'confirmed')";

    public Uni<List<PromoCode>> listByEvent(SqlClient client, UUID eventId) {
        return client
                .preparedQuery("SELECT " + COLUMNS + " FROM promo_codes WHERE event_id = $1 ORDER BY created_at, code")
                .execute(Tuple.of(eventId)).map(PromoCodeRepository::all);
    }

    public Uni<PromoCode> findById(SqlClient client, UUID eventId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM promo_codes WHERE id = $1 AND event_id = $2")
                .execute(Tuple.of(id, eventId)).map(PromoCodeRepository::first);
    }

    /** Locks the row until the transaction ends, so edits and redeems of one code take turns. */
    public Uni<PromoCode> lockById(SqlClient client, UUID eventId, UUID id) {
        return client
                .preparedQuery("SELECT " + COLUMNS + " FROM promo_codes WHERE id = $1 AND event_id = $2 FOR UPDATE")
                .execute(Tuple.of(id, eventId)).map(PromoCodeRepository::first);
    }

    public Uni<PromoCode> findByCode(SqlClient client, UUID eventId, String code) {
        return client
                .preparedQuery(
                        "SELECT " + COLUMNS + " FROM promo_codes WHERE event_id = $1 AND upper(code) = upper($2)")
                .execute(Tuple.of(eventId, code)).map(PromoCodeRepository::first);
    }

    public Uni<PromoCode> insert(SqlClient client, PromoCode promo) {
        return client.preparedQuery("INSERT INTO promo_codes (id, event_id, code, discount_type, discount_value, "
                + "max_total_uses, max_uses_per_donor, valid_from, expires_at, is_active, package_ids, "
                + "unlocks_package_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "
                + COLUMNS)
                .execute(Tuple.from(Arrays.asList(promo.id(), promo.eventId(), promo.code(), promo.discountType(),
                        promo.discountValue(), promo.maxTotalUses(), promo.maxUsesPerDonor(), time(promo.validFrom()),
                        time(promo.expiresAt()), promo.isActive(), promo.packageIds().toArray(new UUID[0]),
                        promo.unlocksPackageIds().toArray(new UUID[0]))))
                .map(PromoCodeRepository::first);
    }

    /** Writes an edited definition and bumps {@code version}; usage is not touched. */
    public Uni<PromoCode> updateDefinition(SqlClient client, PromoCode promo) {
        return client.preparedQuery("UPDATE promo_codes SET code = $2, discount_type = $3, discount_value = $4, "
                + "max_total_uses = $5, max_uses_per_donor = $6, valid_from = $7, expires_at = $8, is_active = $9, "
                + "package_ids = $10, unlocks_package_ids = $11, version = version + 1, updated_at = now() "
                + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(promo.id(), promo.code(), promo.discountType(), promo.discountValue(),
                        promo.maxTotalUses(), promo.maxUsesPerDonor(), time(promo.validFrom()), time(promo.expiresAt()),
                        promo.isActive(), promo.packageIds().toArray(new UUID[0]),
                        promo.unlocksPackageIds().toArray(new UUID[0]))))
                .map(PromoCodeRepository::first);
    }

    public Uni<Void> delete(SqlClient client, UUID id) {
        return client.preparedQuery("DELETE FROM promo_codes WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /**
     * Counts one use if, at this instant, the code is active, inside its window, under its total limit and
     * under the donor's limit, leaving out the purchase's own application (written just before in the same
     * transaction). When the UPDATE waited for the row, PostgreSQL re-checks these conditions on the newest
     * version, so the total limit holds without a lock taken earlier; the donor's count is exact because the
     * caller holds that donor's lock ({@link #lockDonor}) whenever the code has a per-donor limit. Returns null
     * when no use was counted.
     */
    public Uni<PromoCode> claimUse(SqlClient client, UUID id, UUID donorId, UUID purchaseId) {
        return client.preparedQuery("UPDATE promo_codes SET current_uses = current_uses + 1 "
                + "WHERE id = $1 AND is_active "
                + "AND (valid_from IS NULL OR valid_from <= now()) AND (expires_at IS NULL OR expires_at > now()) "
                + "AND (max_total_uses IS NULL OR current_uses < max_total_uses) "
                + "AND (max_uses_per_donor IS NULL OR (SELECT count(*) FROM promo_code_applications a "
                + "WHERE a.promo_id = $1 AND a.donor_id = $2 AND " + COUNTS + " AND a.purchase_id <> $3) "
                + "< max_uses_per_donor) "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.of(id, donorId, purchaseId)).map(PromoCodeRepository::first);
    }

    /**
     * Serialises one donor's redeems and returns of one code until the transaction ends (pg_advisory_xact_lock on a
     * hash of both ids): their per-donor count then sees each other's committed uses and returns. Other donors never
     * wait for it.
     */
    public Uni<Void> lockDonor(SqlClient client, UUID id, UUID donorId) {
        return client.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))")
                .execute(Tuple.of(id.toString(), donorId.toString())).replaceWithVoid();
    }

    /**
     * Whether a refusal of the code may not last: for a donor at their own limit, whether one of their uses is held
     * by a purchase still in flight (redeemed, unconfirmed); otherwise whether any use is so held, or the counter
     * has room again already (a use was given back between the refused UPDATE and this statement).
     */
    public Uni<Boolean> usesInFlight(SqlClient client, UUID id, UUID donorId, UUID purchaseId) {
        return client.preparedQuery("SELECT CASE WHEN p.max_uses_per_donor IS NOT NULL AND (SELECT count(*) FROM "
                + "promo_code_applications a WHERE a.promo_id = p.id AND a.donor_id = $2 AND " + COUNTS + " "
                + "AND a.purchase_id <> $3) >= p.max_uses_per_donor "
                + "THEN EXISTS (SELECT 1 FROM promo_code_applications a WHERE a.promo_id = p.id AND a.donor_id = $2 "
                + "AND a.status = 'redeemed' AND a.purchase_id <> $3) "
                + "ELSE (p.max_total_uses IS NULL OR p.current_uses < p.max_total_uses) OR EXISTS (SELECT 1 FROM "
                + "promo_code_applications a WHERE a.promo_id = p.id AND a.status = 'redeemed' AND a.purchase_id <> $3) "
                + "END AS held FROM promo_codes p WHERE p.id = $1")
                .execute(Tuple.of(id, donorId, purchaseId)).map(rows -> {
                    var iterator = rows.iterator();
                    return iterator.hasNext() && Boolean.TRUE.equals(iterator.next().getBoolean("held"));
                });
    }

    /** Uses of one code by one donor that still count (neither released nor returned). */
    public Uni<Long> donorUses(SqlClient client, UUID id, UUID donorId) {
        return client.preparedQuery("SELECT count(*) AS uses FROM promo_code_applications a "
                + "WHERE a.promo_id = $1 AND a.donor_id = $2 AND " + COUNTS)
                .execute(Tuple.of(id, donorId)).map(rows -> rows.iterator().next().getLong("uses"));
    }

    /** A code's usage as the database has it now, with the uses of one donor; null when the code is gone. */
    public Uni<PromoUsage> usage(SqlClient client, UUID id, UUID donorId) {
        return client.preparedQuery("SELECT p.current_uses, p.max_total_uses, p.max_uses_per_donor, "
                + "(SELECT count(*) FROM promo_code_applications a WHERE a.promo_id = p.id AND a.donor_id = $2 "
                + "AND " + COUNTS + ") AS donor_uses FROM promo_codes p WHERE p.id = $1")
                .execute(Tuple.of(id, donorId)).map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new PromoUsage(row.getInteger("current_uses"), row.getInteger("max_total_uses"),
                            row.getInteger("max_uses_per_donor"), row.getLong("donor_uses"));
                });
    }

    /** Usage of a code against its limits. */
    public record PromoUsage(int currentUses, Integer maxTotalUses, Integer maxUsesPerDonor, long donorUses) {

        public boolean isExhausted() {
            return (maxTotalUses != null && currentUses >= maxTotalUses)
                    || (maxUsesPerDonor != null && donorUses >= maxUsesPerDonor);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Clamped, so that no value the column can hold (±infinity, year 294276) fails a read or its JSON. */
    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : TimestampRange.clamp(value.toInstant());
    }

    private static PromoCode first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? map(iterator.next()) : null;
    }

    private static List<PromoCode> all(RowSet<Row> rows) {
        List<PromoCode> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(map(row));
        }
        return list;
    }

    static PromoCode map(Row row) {
        return new PromoCode(row.getUUID("id"), row.getUUID("event_id"), row.getString("code"),
                row.getString("discount_type"), row.getBigDecimal("discount_value"), row.getInteger("max_total_uses"),
                row.getInteger("max_uses_per_donor"), row.getInteger("current_uses"), instant(row, "valid_from"),
                instant(row, "expires_at"), row.getBoolean("is_active"), ids(row, "package_ids"),
                ids(row, "unlocks_package_ids"), row.getLong("version"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static List<UUID> ids(Row row, String column) {
        UUID[] ids = row.getArrayOfUUIDs(column);
        return ids == null ? List.of() : List.of(ids);
    }
}
