package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Shared setup of the sale tests: packages on sale through the real catalog.packages topic, buyers, invariants. */
abstract class SaleFixture {

    @Inject
    Pool pool;

    final UUID event = UUID.randomUUID();

    UUID packageOnSale(String price, Integer limit, JsonArray options) {
        UUID packageId = UUID.randomUUID();
        JsonObject snapshot = CatalogFeed.snapshot(event, packageId, price, limit, 1);
        if (options != null) {
            snapshot.put("custom_options", options);
        }
        return published(snapshot);
    }

    UUID published(JsonObject snapshot) {
        UUID packageId = UUID.fromString(snapshot.getString("package_id"));
        CatalogFeed.publish(snapshot);
        Instant deadline = Instant.now().plus(CatalogFeed.patience());
        while (Instant.now().isBefore(deadline)) {
            var rows = pool.preparedQuery("SELECT 1 FROM inventory WHERE package_id = $1").execute(Tuple.of(packageId))
                    .await().atMost(Duration.ofSeconds(5));
            if (rows.size() == 1) {
                return packageId;
            }
            sleep(100);
        }
        throw new AssertionError("the snapshot of " + packageId + " never reached the inventory");
    }

    Response buy(UUID donor, UUID packageId, int quantity, String key, Object options) {
        var request = given().auth().oauth2(Tokens.donor(donor)).contentType("application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        JsonObject body = new JsonObject().put("package_id", packageId.toString()).put("quantity", quantity);
        if (options != null) {
            body.put("option_responses", options);
        }
        return request.body(body.encode()).post("/api/v1/events/" + event + "/tickets/purchase");
    }

    int soldCount(UUID packageId) {
        return pool.preparedQuery("SELECT sold_count FROM inventory WHERE package_id = $1").execute(Tuple.of(packageId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getInteger("sold_count");
    }

    long purchasedQuantity(UUID packageId) {
        return pool.preparedQuery("SELECT coalesce(sum(quantity), 0) AS q FROM purchases WHERE package_id = $1")
                .execute(Tuple.of(packageId)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("q");
    }

    static JsonObject answer(UUID option, Object value) {
        return new JsonObject().put("option_id", option.toString()).put("value", value);
    }

    static <T> List<T> concurrently(int count, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
