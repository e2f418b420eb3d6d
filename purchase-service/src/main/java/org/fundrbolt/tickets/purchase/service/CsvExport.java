package org.fundrbolt.tickets.purchase.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.repository.ExportQueries;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The purchases export and the guest list (API.md): RFC 4180 via Apache Commons CSV, one row per seat,
 * option labels as columns, streamed row by row, and cells that a spreadsheet would run as a formula
 * ({@code = + - @}, tab, carriage return) prefixed with {@code '}.
 */
@ApplicationScoped
public class CsvExport {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final List<String> PURCHASE_COLUMNS = List.of("purchase_id", "ticket_number", "purchased_at",
            "donor_id", "package_id", "package_name", "quantity", "base_price", "discount_amount", "total_price",
            "promo_code", "donation_amount", "refunded_amount", "ticket_status");
    private static final List<String> GUEST_COLUMNS = List.of("ticket_number", "package_name", "purchase_id",
            "donor_id", "guest_name", "guest_email", "checked_in_at");

    private final ExportQueries queries;
    private final Counter rowsWritten;
    private final Pacer pacer;
    /** Rows per chunk of the response: the cursor's fetch size. */
    private static final int CHUNK_ROWS = 500;

    public CsvExport(ExportQueries queries, MeterRegistry registry, PurchaseConfig config) {
        this.queries = queries;
        this.pacer = new Pacer(config.exports().rowsPerSecond());
        // Rows handed to the HTTP response: with a slow reader it stays just ahead of what the reader took.
        this.rowsWritten = Counter.builder("purchase_export_rows").description("CSV export rows written to responses")
                .register(registry);
    }

    public Multi<String> purchases(UUID eventId) {
        return export(eventId, PURCHASE_COLUMNS, row -> List.of(text(row.getUUID("purchase_id")),
                row.getString("ticket_number"), timestamp(row, "created_at"), text(row.getUUID("donor_id")),
                text(row.getUUID("package_id")), row.getString("package_name"), text(row.getInteger("quantity")),
                text(row.getBigDecimal("base_price")), text(row.getBigDecimal("discount_amount")),
                text(row.getBigDecimal("total_price")), text(row.getString("promo_code")),
                text(row.getBigDecimal("donation_amount")), text(row.getBigDecimal("refunded_amount")),
                row.getString("ticket_status")));
    }

    public Multi<String> guests(UUID eventId) {
        return export(eventId, GUEST_COLUMNS, row -> List.of(row.getString("ticket_number"),
                row.getString("package_name"), text(row.getUUID("purchase_id")), text(row.getUUID("donor_id")),
                text(row.getString("guest_name")), text(row.getString("guest_email")),
                timestamp(row, "checked_in_at")));
    }

    private Multi<String> export(UUID eventId, List<String> columns, Function<Row, List<String>> fixedCells) {
        return queries.optionLabels(eventId).onItem().transformToMulti(labels -> {
            List<String> header = new ArrayList<>(columns);
            header.addAll(labels);
            // Rows go out in chunks of a few hundred: a write per row (100,000 of them, each through the gateway too)
            // cost more CPU than the rows themselves and took it from the checkout (ISSUE: edge hardening, M7).
            Multi<String> rows = queries.ticketRows(eventId).group().intoLists().of(CHUNK_ROWS)
                    .onItem().call(chunk -> pacer.take(chunk.size())).map(chunk -> {
                        StringBuilder out = new StringBuilder(chunk.size() * 200);
                        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
                            for (Row row : chunk) {
                                List<String> cells = new ArrayList<>(fixedCells.apply(row));
                                JsonObject answers = row.getString("answers") == null
                                        ? new JsonObject()
                                        : new JsonObject(row.getString("answers"));
                                for (String label : labels) {
                                    cells.add(answer(answers.getValue(label)));
                                }
                                printer.printRecord(cells.stream().map(CsvExport::neutralise).toList());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        rowsWritten.increment(chunk.size());
                        return out.toString();
                    });
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(line(header)), rows);
        });
    }

    /**
     * One pace for every export of the replica: each chunk reserves the time its rows take at the rate, and waits
     * until then (a timer, never a blocked thread); the stream's backpressure holds the cursor meanwhile.
     */
    static final class Pacer {

        private final long nanosPerRow;
        private final AtomicLong next = new AtomicLong(System.nanoTime());

        Pacer(int rowsPerSecond) {
            this.nanosPerRow = rowsPerSecond <= 0 ? 0 : 1_000_000_000L / rowsPerSecond;
        }

        Uni<Void> take(int rows) {
            if (nanosPerRow == 0) {
                return Uni.createFrom().voidItem();
            }
            long now = System.nanoTime();
            long cost = nanosPerRow * rows;
            long slot = next.getAndUpdate(previous -> Math.max(previous, now) + cost);
            long waitMillis = (Math.max(slot, now) - now) / 1_000_000; // timers have millisecond resolution
            return waitMillis < 1
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMillis));
        }
    }

    static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(cells.stream().map(CsvExport::neutralise).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A cell a spreadsheet would evaluate becomes plain text. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }

    private static String answer(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof JsonArray array) {
            List<String> parts = new ArrayList<>();
            array.forEach(part -> parts.add(String.valueOf(part)));
            return String.join("; ", parts);
        }
        return String.valueOf(value);
    }

    private static String timestamp(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? "" : MILLIS.format(value.withOffsetSameInstant(java.time.ZoneOffset.UTC));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
