package org.fundrbolt.tickets.media;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.fundrbolt.tickets.platform.testing.Tokens;

/** Plays catalog-service on the real broker: announces package snapshots, and reads what media publishes. */
final class Catalog {

    private Catalog() {
    }

    /** Produces a {@code catalog.packages} snapshot shaped like catalog-service's, extra fields included. */
    static void announce(UUID eventId, UUID packageId, long version, boolean deleted) {
        String snapshot = """
                {"message_id":"%s","event_type":"package_snapshot","package_id":"%s","event_id":"%s",\
                "version":%d,"deleted":%b,"name":"Gala table","price":"1200.00","options":[],\
                "occurred_at":"%s"}""".formatted(UUID.randomUUID(), packageId, eventId, version, deleted,
                Instant.now());
        Kafka.send("catalog.packages", packageId.toString(), snapshot);
    }

    /** Produces a raw value to {@code catalog.packages}, as a broken producer would. */
    static void produceRaw(String key, String value) {
        Kafka.send("catalog.packages", key, value);
    }

    /** Announces a live package and waits until media-service knows it (its DELETE stops answering 404). */
    static void knownPackage(UUID eventId, UUID packageId) {
        announce(eventId, packageId, 1, false);
        String path = "/api/v1/admin/events/" + eventId + "/tickets/packages/" + packageId + "/image";
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            int status = given().auth().oauth2(Tokens.superAdmin()).delete(path).statusCode();
            if (status == 204) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("media-service did not learn package " + packageId + " within 15 s");
    }

    /** The media.images records keyed by this package, waiting until at least {@code count} arrived. */
    static List<ConsumerRecord<String, String>> imageEvents(UUID packageId, int count) {
        return records("media.images", packageId.toString(), count);
    }

    /** The records of a topic with this key, read from the start, waiting until at least {@code count} arrived. */
    static List<ConsumerRecord<String, String>> records(String topic, String key, int count) {
        return Kafka.recordsWithKey(topic, key, count, Duration.ofSeconds(20));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
