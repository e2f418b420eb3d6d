package org.fundrbolt.tickets.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Eventually;
import org.fundrbolt.tickets.platform.testing.FailingTrigger;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

/** A catalog snapshot that meets a database restart is retried until it applies, never dead-lettered. */
@QuarkusTest
class SnapshotFaultTests extends SaleFixture {

    @Test
    void aDisableThatMeetsADatabaseRestartStillArrives() throws Exception {
        UUID packageId = packageOnSale("30.00", 100, null);
        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(201);
        try (FailingTrigger restart = FailingTrigger.on(sql -> pool.query(sql).execute().await().indefinitely(),
                "inventory", "NEW.package_id = '" + packageId + "' AND NOT NEW.enabled")) {
            CatalogFeed.publish(CatalogFeed.snapshot(event, packageId, "30.00", 100, 2).put("is_enabled", false));
            Thread.sleep(3_000); // attempts fail meanwhile
            assertThat(enabled(packageId)).as("the disable has not applied yet").isTrue();
        }
        Eventually.value(() -> enabled(packageId), enabled -> !enabled, Duration.ofSeconds(60));
        Eventually.value(() -> buy(UUID.randomUUID(), packageId, 1, null, null).statusCode(), status -> status == 404,
                Duration.ofSeconds(10));
        assertThat(soldCount(packageId)).isEqualTo(1);
        assertThat(Kafka.recordsMentioning("catalog.packages.dlq", packageId.toString(), Duration.ofSeconds(2)))
                .as("nothing dead-lettered").isEmpty();
    }

    private boolean enabled(UUID packageId) {
        return pool.preparedQuery("SELECT enabled FROM inventory WHERE package_id = $1").execute(Tuple.of(packageId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getBoolean("enabled");
    }
}
