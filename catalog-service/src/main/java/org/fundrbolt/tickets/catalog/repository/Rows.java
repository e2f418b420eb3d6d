package org.fundrbolt.tickets.catalog.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Conversions between Java values and PostgreSQL parameters/columns shared by the repositories. */
final class Rows {

    private Rows() {
    }

    static Tuple tuple(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static JsonArray json(List<String> values) {
        return values == null ? null : new JsonArray(new ArrayList<>(values));
    }

    static List<String> strings(Object jsonb) {
        if (jsonb instanceof JsonArray array) {
            List<String> values = new ArrayList<>();
            array.forEach(value -> values.add(String.valueOf(value)));
            return values;
        }
        return null;
    }
}
