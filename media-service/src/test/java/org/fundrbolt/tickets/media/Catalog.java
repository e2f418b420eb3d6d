package org.fundrbolt.tickets.media;

import org.fundrbolt.tickets.platform.testing.Tokens;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays catalog-service on the real broker: announces package snapshots, and reads what media publishes. */
final class Catalog {

    static final String BOOTSTRAP = "127.0.0.1:9092";

    private Catalog() {
    }

    /** Produces a {@code catalog.packages} snapshot shaped like catalog-service's, extra fields included. */
    static void announce(UUID eventId, UUID packageId, long version, boolean deleted) {
        String snapshot = """
                {"message_id":"%s","event_type":"package_snapshot","package_id":"%s","event_id":"%s",\
                "version":%d,"deleted":%b,"name":"Gala table","price":"1200.00","options":[],\
                "occurred_at":"%s"}""".formatted(UUID.randomUUID(), packageId, eventId, version, deleted, Instant.now());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("catalog.packages", packageId.toString(), snapshot)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Produces a raw value to {@code catalog.packages}, as a broken producer would. */
    static void produceRaw(String key, String value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("catalog.packages", key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "media-test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
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
