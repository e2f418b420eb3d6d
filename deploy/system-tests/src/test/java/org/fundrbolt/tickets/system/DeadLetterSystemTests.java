package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter topics on the running stack: an unreadable record is counted on the consumer's
 * management port, and `stack dlq replay TOPIC` brings what was parked back to its topic, where the
 * consumer applies it (ARCHITECTURE.md, "Transient is not poison").
 */
class DeadLetterSystemTests {

    private static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    @Test
    void anUnreadableImageEventIsCountedAndAParkedOneIsReplayed() throws Exception {
        String packageId = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Replayed image", "price", 20))
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(201)
                .extract().path("id");
        send("media.images", packageId, "{not json");
        Await.until("catalog counts the unreadable record", Duration.ofSeconds(30),
                () -> given().get("http://127.0.0.1:9081/q/metrics").asString().lines()
                        .anyMatch(line -> line.startsWith("consumer_dead_lettered_total")
                                && line.contains("channel=\"media-images\"")));

        // As if the image event had been dead-lettered by a consumer bug since fixed.
        String url = "http://localhost:8080/images/" + event + "/" + packageId + "/replayed.png";
        send("media.images.dlq", packageId, "{\"message_id\":\"" + UUID.randomUUID() + "\",\"package_id\":\""
                + packageId + "\",\"event_id\":\"" + event + "\",\"image_url\":\"" + url + "\",\"version\":7,"
                + "\"occurred_at\":\"" + Instant.now() + "\"}");
        StackControl.run(List.of(StackControl.ROOT.resolve("deploy/local/stack").toString(), "dlq", "replay",
                "media.images"));
        Await.until("the replayed image reaches the catalog", Duration.ofSeconds(30),
                () -> url.equals(given().auth().oauth2(coordinator)
                        .get(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages/" + packageId)
                        .then().extract().path("image_url")));
    }

    private static void send(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
