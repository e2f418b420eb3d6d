package org.fundrbolt.tickets.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.catalog.service.SnapshotRepublisher;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** A lost snapshot heals by itself: every package's current snapshot is published again. */
@QuarkusTest
class RepublishTests {

    private final Api api = new Api();

    @Inject
    SnapshotRepublisher republisher;

    @Test
    void republishesEveryPackageAtItsCurrentVersion() {
        UUID first = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 80));
        UUID second = api.create("Dinner", "40");
        api.as().body("{\"quantity_limit\":60}").patch(api.pkg(first)).then().statusCode(200);
        try (var consumer = Kafka.fromNow("catalog.packages")) {
            assertThat(republisher.republish().await().atMost(Duration.ofSeconds(30))).isPositive();
            var again = Kafka.collect(consumer, record -> record.key().equals(first.toString())
                    || record.key().equals(second.toString()), 2, Duration.ofSeconds(20));
            assertThat(again).extracting(record -> new JsonObject(record.value()))
                    .anySatisfy(s -> assertThat(s.getString("package_id")).isEqualTo(first.toString()))
                    .anySatisfy(s -> assertThat(s.getString("package_id")).isEqualTo(second.toString()))
                    .allSatisfy(s -> assertThat(s.getLong("version")).isEqualTo(
                            s.getString("package_id").equals(first.toString()) ? 2L : 1L));
        }
    }
}
