package org.fundrbolt.tickets.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The database connection drops while the sale's COMMIT runs: purchase-service cannot know whether the sale
 * exists. A deferred trigger holds this one package's COMMIT in pg_sleep, and the test ends that session.
 */
@QuarkusTest
class UnknownCommitOutcomeTests extends SaleFixture {

    @Test
    void answersDependencyUnavailableWhenTheConnectionDropsDuringCommit() throws Exception {
        UUID packageId = packageOnSale("10.00", 5, null);
        UUID donor = UUID.randomUUID();
        String key = "commit-" + UUID.randomUUID();
        String trigger = "test_stall_commit_" + packageId.toString().replace("-", "");
        sql("CREATE OR REPLACE FUNCTION test_stall_commit() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$");
        sql("CREATE CONSTRAINT TRIGGER " + trigger + " AFTER INSERT ON purchases DEFERRABLE INITIALLY DEFERRED "
                + "FOR EACH ROW WHEN (NEW.package_id = '" + packageId + "') EXECUTE FUNCTION test_stall_commit()");
        Response answer;
        try {
            CompletableFuture<Response> sale = CompletableFuture.supplyAsync(() -> buy(donor, packageId, 1, key, null));
            terminateTheSessionStalledInCommit();
            answer = sale.get(30, TimeUnit.SECONDS);
        } finally {
            sql("DROP TRIGGER IF EXISTS " + trigger + " ON purchases");
            sql("DROP FUNCTION IF EXISTS test_stall_commit()");
        }
        answer.then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("dependency_unavailable"))
                .body("detail", containsString("same Idempotency-Key"));
        // The session ended before COMMIT finished, so here the sale was rolled back; the retry buys it once.
        assertThat(purchasedQuantity(packageId)).isZero();
        assertThat(soldCount(packageId)).isZero();
        String id = buy(donor, packageId, 1, key, null).then().statusCode(201).extract().path("id");
        buy(donor, packageId, 1, key, null).then().statusCode(201).body("id", equalTo(id));
        assertThat(purchasedQuantity(packageId)).isEqualTo(1);
        assertThat(soldCount(packageId)).isEqualTo(1);
    }

    private void terminateTheSessionStalledInCommit() {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var ended = pool.query("SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND query = 'COMMIT' AND wait_event = 'PgSleep'")
                    .execute().await().atMost(Duration.ofSeconds(5));
            if (ended.size() > 0) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("no sale's COMMIT stalled in the trigger within 20 s");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
