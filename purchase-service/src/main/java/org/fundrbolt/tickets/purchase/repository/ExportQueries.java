package org.fundrbolt.tickets.purchase.repository;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Row streams behind the CSV exports: read through a cursor, so memory stays flat for any size. */
@ApplicationScoped
public class ExportQueries {

    private static final int FETCH = 500;
    private static final String TICKET_ROWS = """
            SELECT p.id AS purchase_id, t.ticket_number, p.created_at, p.donor_id, p.package_id, p.package_name,
                   p.quantity, p.base_price, p.discount_amount, p.total_price, p.promo_code,
                   p.donation_amount, p.refunded_amount, t.status AS ticket_status, t.guest_name, t.guest_email, t.checked_in_at,
                   (SELECT jsonb_object_agg(r.label, r.value)::text FROM purchase_option_responses r
                     WHERE r.purchase_id = p.id) AS answers
            FROM purchases p JOIN tickets t ON t.purchase_id = p.id
            WHERE p.event_id = $1
            ORDER BY p.seq, t.seat_index
            """;

    private final Pool pool;

    /** The exports' own pool (datasource "exports"): a long export never takes a connection checkout needs. */
    public ExportQueries(@ReactiveDataSource("exports") Pool pool) {
        this.pool = pool;
    }

    /** The distinct option labels of the event: packages in display order, then options in display order. */
    public Uni<List<String>> optionLabels(UUID eventId) {
        return pool.preparedQuery("SELECT option_schema::text AS schema FROM inventory WHERE event_id = $1 "
                + "ORDER BY display_order, package_id").execute(Tuple.of(eventId)).map(rows -> {
                    Set<String> labels = new LinkedHashSet<>();
                    for (Row row : rows) {
                        List<JsonObject> options = new ArrayList<>();
                        new JsonArray(row.getString("schema")).forEach(o -> options.add((JsonObject) o));
                        options.sort(java.util.Comparator.comparingInt(o -> o.getInteger("display_order", 0)));
                        options.forEach(o -> labels.add(o.getString("label")));
                    }
                    return List.copyOf(labels);
                });
    }

    /** One row per issued ticket (seat) of the event, in purchase order. */
    public Multi<Row> ticketRows(UUID eventId) {
        return Multi.createFrom().resourceFromUni(pool::getConnection,
                connection -> connection.begin().onItem().transformToMulti(transaction -> connection
                        .prepare(TICKET_ROWS).onItem()
                        .transformToMulti(statement -> statement.createStream(FETCH, Tuple.of(eventId)).toMulti())))
                .withFinalizer((io.vertx.mutiny.sqlclient.SqlConnection connection) -> connection.close());
    }
}
