package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fundrbolt.tickets.platform.testing.Operations;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ARCHITECTURE.md, "Bounded waiting": the inventory row is held from another database session (as a stuck
 * migration or a long report would), and the buyers of that package are answered by their deadline, refused at
 * once when the queue is full, skipped when they went away, and claimed in transactions bounded in seats; nobody
 * answered 503 is ever sold anything once the row is free again.
 */
@QuarkusTest
@TestProfile(BoundedWaitingTests.ShortDeadline.class)
class BoundedWaitingTests extends SaleFixture {

    static final long DEADLINE_MS = 3_000;
    static final int QUEUE_LIMIT = 5;
    static final int BATCH_SEATS = 10;

    /** A 3 s deadline, a queue of 5 and 10 seats per claim, so the bounds are reached in a test's time. */
    public static class ShortDeadline implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("purchase.sale-deadline", DEADLINE_MS + "ms",
                    "purchase.sale-queue-limit", String.valueOf(QUEUE_LIMIT),
                    "purchase.sale-batch-seats", String.valueOf(BATCH_SEATS),
                    "mp.messaging.incoming.catalog-packages.group.id", "purchase-service-bounded-test");
        }
    }

    private record Timed(int status, String code, long millis) {
    }

    @Test
    void buyersOfAHeldRowAreAnsweredByTheirDeadlineAndSoldNothing() throws Exception {
        UUID packageId = packageOnSale("10.00", 100, null);
        // REST Assured's first use from many threads at once takes seconds of its own: not what is measured here.
        concurrently(2 * QUEUE_LIMIT, i -> given().get("/api/v1/tickets/signing-keys").statusCode());
        SqlConnection holder = holdRow(packageId);
        List<Timed> answers;
        Timed first;
        try {
            CompletableFuture<Timed> claiming = CompletableFuture.supplyAsync(() -> timedBuy(packageId, 1));
            awaitClaimWaitingOnTheLock();
            // One claim waits on the row; five buyers fit the queue, the other five are refused at once.
            answers = concurrently(2 * QUEUE_LIMIT, i -> timedBuy(packageId, 1));
            first = claiming.get(DEADLINE_MS + 10_000, TimeUnit.MILLISECONDS);
        } finally {
            release(holder);
        }
        assertThat(first.status()).as("the claim waiting on the lock gives up at the deadline").isEqualTo(503);
        assertThat(first.millis()).isBetween(DEADLINE_MS - 200, DEADLINE_MS + 2_000);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("dependency_unavailable");
            assertThat(answer.millis()).as("answered by the deadline").isLessThan(DEADLINE_MS + 2_000);
        });
        assertThat(answers.stream().filter(answer -> answer.millis() < DEADLINE_MS / 2))
                .as("a full queue refuses at once").hasSize(QUEUE_LIMIT);
        sleep(1_000); // the row is free: anything still queued would be sold now
        assertThat(purchasedQuantity(packageId)).as("nobody told 503 was sold anything").isZero();
        assertThat(soldCount(packageId)).isZero();
        assertThat(timedBuy(packageId, 1).status()).as("the package sells again").isEqualTo(201);
        assertThat(refused("busy")).isGreaterThanOrEqualTo(QUEUE_LIMIT);
        assertThat(refused("expired"))
                .isGreaterThanOrEqualTo(QUEUE_LIMIT + 1);
    }

    @Test
    void aBuyerWhoWentAwayIsSkipped() throws Exception {
        UUID packageId = packageOnSale("10.00", 100, null);
        UUID leaver = UUID.randomUUID();
        double abandonedBefore = refused("abandoned");
        SqlConnection holder = holdRow(packageId);
        CompletableFuture<Timed> claiming;
        try {
            claiming = CompletableFuture.supplyAsync(() -> timedBuy(packageId, 1));
            awaitClaimWaitingOnTheLock();
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                String body = new JsonObject().put("package_id", packageId.toString()).put("quantity", 1).encode();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/events/" + event + "/tickets/purchase HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + Tokens.donor(leaver) + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                sleep(500); // queued behind the held row
                InputStream in = socket.getInputStream();
                assertThat(in.available()).as("no answer yet: the buyer waits in the queue").isZero();
            } // the buyer closes the connection and goes away
            sleep(300);
        } finally {
            release(holder);
        }
        assertThat(claiming.get(DEADLINE_MS + 5_000, TimeUnit.MILLISECONDS).status())
                .as("the claim that had the lock's turn sells once the row is free").isEqualTo(201);
        sleep(1_000);
        long leaverBought = pool.preparedQuery("SELECT count(*) AS n FROM purchases WHERE donor_id = $1")
                .execute(Tuple.of(leaver)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertThat(leaverBought).as("a buyer who went away is not sold anything").isZero();
        assertThat(soldCount(packageId)).isEqualTo(1);
        assertThat(refused("abandoned")).isEqualTo(abandonedBefore + 1);
    }

    @Test
    void aClaimWritesAtMostItsSeatBound() throws Exception {
        UUID packageId = packageOnSale("10.00", 100, null);
        // REST Assured's first use from many threads at once takes seconds of its own: not what is measured here.
        concurrently(2 * QUEUE_LIMIT, i -> given().get("/api/v1/tickets/signing-keys").statusCode());
        SqlConnection holder = holdRow(packageId);
        List<Timed> answers;
        try {
            CompletableFuture<Timed> claiming = CompletableFuture.supplyAsync(() -> timedBuy(packageId, 4));
            awaitClaimWaitingOnTheLock();
            CompletableFuture<List<Timed>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return concurrently(QUEUE_LIMIT, i -> timedBuy(packageId, 4));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sleep(700); // all five queued behind the held row
            release(holder);
            holder = null;
            answers = waiting.get(DEADLINE_MS + 5_000, TimeUnit.MILLISECONDS);
            assertThat(claiming.get(5, TimeUnit.SECONDS).status()).isEqualTo(201);
        } finally {
            if (holder != null) {
                release(holder);
            }
        }
        assertThat(answers).extracting(Timed::status).containsOnly(201);
        // Rows written by one transaction share its xmin: each claim's seats.
        var claims = pool.preparedQuery("SELECT xmin::text AS tx, sum(quantity * seats_per_package) AS seats, "
                + "count(*) AS buyers FROM purchases WHERE package_id = $1 GROUP BY xmin::text")
                .execute(Tuple.of(packageId)).await().atMost(Duration.ofSeconds(5));
        int transactions = 0;
        for (var claim : claims) {
            transactions++;
            assertThat(claim.getLong("seats")).as("seats written under one row lock").isLessThanOrEqualTo(BATCH_SEATS);
        }
        assertThat(transactions).as("six buyers of 4 seats in claims of at most 10 seats").isGreaterThanOrEqualTo(4);
        assertThat(soldCount(packageId)).isEqualTo(24);
    }

    private Timed timedBuy(UUID packageId, int quantity) {
        Instant started = Instant.now();
        Response response = buy(UUID.randomUUID(), packageId, quantity, null, null);
        String code = response.statusCode() >= 400 ? response.path("code") : null;
        return new Timed(response.statusCode(), code, Duration.between(started, Instant.now()).toMillis());
    }

    /** Another session locks the package's inventory row and keeps it until {@link #release}. */
    private SqlConnection holdRow(UUID packageId) {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(5));
        connection.query("BEGIN").execute().await().atMost(Duration.ofSeconds(5));
        connection.preparedQuery("SELECT 1 FROM inventory WHERE package_id = $1 FOR UPDATE")
                .execute(Tuple.of(packageId))
                .await().atMost(Duration.ofSeconds(5));
        return connection;
    }

    private static void release(SqlConnection connection) {
        connection.query("ROLLBACK").execute().await().atMost(Duration.ofSeconds(5));
        connection.close().await().atMost(Duration.ofSeconds(5));
    }

    private void awaitClaimWaitingOnTheLock() {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            long waiting = pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock' AND query LIKE '%FROM inventory WHERE package_id = $1 FOR UPDATE'")
                    .execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
            if (waiting > 0) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("no claim waited on the held inventory row within 10 s");
    }

    /** The {@code purchase_sale_queue_refused_total} count of one reason, from the management interface. */
    private static double refused(String reason) {
        String text = given().get(Operations.url("/q/metrics")).then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith("purchase_sale_queue_refused_total{"))
                .filter(line -> line.contains("reason=\"" + reason + "\""))
                .findFirst().map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
