package org.fundrbolt.tickets.purchase.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.fundrbolt.tickets.purchase.domain.PriceTier;
import org.fundrbolt.tickets.purchase.domain.SalesRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.vertx.mutiny.sqlclient.Row;

/** The inventory columns of a package's sales rules, read and written the same way by every query that needs them. */
public final class SalesRulesColumns {

    /** To append to a SELECT list of the inventory table. */
    public static final String COLUMNS = "sales_start_at, sales_end_at, min_per_order, max_per_order, visibility, "
            + "price_tiers::text AS price_tiers";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private SalesRulesColumns() {
    }

    public static SalesRules read(Row row) {
        return new SalesRules(instant(row.getOffsetDateTime("sales_start_at")),
                instant(row.getOffsetDateTime("sales_end_at")), row.getInteger("min_per_order"),
                row.getInteger("max_per_order"), "hidden".equals(row.getString("visibility")),
                tiers(row.getString("price_tiers")));
    }

    /** The tiers as the price_tiers column stores them: {@code [{"label","price","ends_at"}]}. */
    public static String write(List<PriceTier> tiers) {
        try {
            return JSON.writeValueAsString(tiers == null ? List.of() : tiers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    private static List<PriceTier> tiers(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<PriceTier>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable price tiers", e);
        }
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
