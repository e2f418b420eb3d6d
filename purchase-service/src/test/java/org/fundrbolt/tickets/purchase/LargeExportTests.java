package org.fundrbolt.tickets.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The purchases export of a sold-out gala: 100,000 seat rows of about 2.3 KB each (four long answers), some
 * 230 MB of CSV. It must stream: a reader that pauses holds the server back (backpressure down to the
 * database cursor), and the heap does not grow with the size of the export.
 */
@QuarkusTest
class LargeExportTests extends SaleFixture {

    private static final int PURCHASES = 10_000;
    private static final int SEATS = 10;
    private static final int ROWS = PURCHASES * SEATS;
    private static final int ANSWER_LENGTH = 500;
    private static final long MIB = 1024 * 1024;

    @Inject
    MeterRegistry registry;

    @Test
    void streamsOneHundredThousandRowsInFlatMemory() throws Exception {
        List<String> labels = List.of("Dietary needs", "Accessibility", "Dedication", "Seating wishes");
        JsonArray options = new JsonArray();
        List<UUID> optionIds = labels.stream().map(label -> UUID.randomUUID()).toList();
        for (int i = 0; i < labels.size(); i++) {
            options.add(CatalogFeed.option(optionIds.get(i), labels.get(i), "text_input", null, false, i));
        }
        UUID packageId = published(CatalogFeed.table(event, UUID.randomUUID(), "100.00", SEATS, null)
                .put("custom_options", options));
        soldOut(packageId, optionIds, labels);

        var started = java.time.Instant.now();
        double rowsBefore = rowsWritten();
        long heapBefore = heapAfterGc();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/admin/events/" + event + "/tickets/purchases/export.csv"))
                .header("Authorization", "Bearer " + Tokens.coordinator(event)).timeout(Duration.ofMinutes(5)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        long lines = 0;
        long characters = 0;
        long heapPeak = 0;
        double writtenWhilePaused = -1;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertThat(header).endsWith(",promo_code,donation_amount,refunded_amount,ticket_status,"
                    + String.join(",", labels));
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                characters += line.length() + 2;
                if (lines == 2_000) {
                    // A slow reader: the server must wait for it rather than queue the rest of the export.
                    // Meanwhile the same coordinator may run one more export, and a third is refused.
                    HttpResponse<InputStream> second = HttpClient.newHttpClient().send(request,
                            HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(second.statusCode()).as("a second export of the same coordinator").isEqualTo(200);
                    HttpResponse<String> third = HttpClient.newHttpClient().send(request,
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(third.statusCode()).as("a third concurrent export").isEqualTo(429);
                    assertThat(third.headers().firstValue("Retry-After")).isPresent();
                    assertThat(third.body()).contains("\"code\":\"rate_limited\"");
                    second.body().close(); // the client goes away: its slot comes back
                    sleep(3_000);
                    writtenWhilePaused = rowsWritten() - rowsBefore;
                }
                if (lines % 20_000 == 0) {
                    heapPeak = Math.max(heapPeak, heapAfterGc() - heapBefore);
                }
                if (lines == 1 || lines == ROWS) {
                    assertThat(line).contains("," + "a".repeat(ANSWER_LENGTH) + ",")
                            .endsWith("d".repeat(ANSWER_LENGTH));
                }
            }
        }

        System.out.printf(
                "large export: %d rows, %d MiB in %d ms; heap growth at most %d MiB; %.0f rows written while the reader paused%n",
                lines, characters / MIB, Duration.between(started, java.time.Instant.now()).toMillis(), heapPeak / MIB,
                writtenWhilePaused);
        assertThat(lines).as("one row per seat").isEqualTo(ROWS);
        assertThat(characters).as("the export is far larger than the heap it may use").isGreaterThan(200 * MIB);
        assertThat(writtenWhilePaused).as("rows produced while the reader paused after 2,000 of %d", ROWS)
                .isLessThan(ROWS / 4.0);
        assertThat(heapPeak).as("heap growth while streaming %d MiB", characters / MIB).isLessThan(64 * MIB);
        assertThat(rowsWritten() - rowsBefore).isGreaterThanOrEqualTo(ROWS);
        // Both slots were given back (the finished export's and the abandoned one's).
        for (int i = 0; i < 2; i++) {
            HttpResponse<InputStream> again = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(again.statusCode()).as("an export after the others ended").isEqualTo(200);
            again.body().close();
        }
    }

    /** Ten thousand table purchases of ten seats, each with four long answers, written straight to the database. */
    private void soldOut(UUID packageId, List<UUID> optionIds, List<String> labels) {
        pool.withTransaction(connection -> connection
                .preparedQuery(
                        """
                                INSERT INTO purchases (id, event_id, package_id, donor_id, package_name, quantity, seats_per_package,
                                    unit_price, base_price, discount_amount, total_price, inventory_version, sold_count_after, created_at)
                                SELECT gen_random_uuid(), $1, $2, gen_random_uuid(), 'Table of ten', 1, $3, 100.00, 100.00, 0.00, 100.00,
                                    g, g, now() + g * interval '1 millisecond'
                                FROM generate_series(1, $4) g""")
                .execute(Tuple.of(event, packageId, SEATS, PURCHASES))
                .chain(() -> connection
                        .preparedQuery(
                                """
                                        INSERT INTO purchase_option_responses (purchase_id, option_id, position, label, option_type, value)
                                        SELECT p.id, o.id, o.position, o.label, 'text_input', to_jsonb(repeat(o.letter, $6))
                                        FROM purchases p CROSS JOIN (VALUES ($2::uuid, 0, $7, 'a'), ($3::uuid, 1, $8, 'b'),
                                            ($4::uuid, 2, $9, 'c'), ($5::uuid, 3, $10, 'd')) AS o (id, position, label, letter)
                                        WHERE p.event_id = $1""")
                        .execute(Tuple.from(List.of(event, optionIds.get(0), optionIds.get(1),
                                optionIds.get(2), optionIds.get(3), ANSWER_LENGTH, labels.get(0), labels.get(1),
                                labels.get(2),
                                labels.get(3)))))
                .chain(() -> connection.preparedQuery("""
                        INSERT INTO tickets (id, purchase_id, event_id, seat_index, ticket_number, qr_code)
                        SELECT gen_random_uuid(), p.id, p.event_id, s, 'BULK-' || p.seq || '-' || s, 'not-a-real-code'
                        FROM purchases p CROSS JOIN generate_series(0, $2 - 1) s
                        WHERE p.event_id = $1""").execute(Tuple.of(event, SEATS))))
                .await().atMost(Duration.ofMinutes(2));
    }

    private double rowsWritten() {
        var counter = registry.find("purchase_export_rows").counter(); // registered with the export's first use
        return counter == null ? 0 : counter.count();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
