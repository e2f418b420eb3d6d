package org.fundrbolt.tickets.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real broker, as the services' tests use it: produce as another service would, and read what a
 * service published (from now on, or from the start), waiting a bounded time for it.
 */
public final class Kafka {

    private static volatile KafkaProducer<String, String> producer;

    private Kafka() {
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS} if set, else the local stack's broker. */
    public static String bootstrap() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    }

    /** Sends one record and waits for the broker's acknowledgement ({@code acks=all}). */
    public static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take a record for " + topic, e);
        }
    }

    /** A consumer positioned at the current end of every partition: it sees only what comes after. */
    public static KafkaConsumer<String, String> fromNow(String topic) {
        KafkaConsumer<String, String> consumer = consumer();
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** A consumer that reads the topic from its first retained record. */
    public static KafkaConsumer<String, String> fromStart(String topic) {
        KafkaConsumer<String, String> consumer = consumer();
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** The records that match, polled until {@code count} arrived or {@code timeout} passed. */
    public static List<ConsumerRecord<String, String>> collect(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> matching, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (matching.test(record)) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    /** The records of a topic whose key is {@code key}, read from the start. */
    public static List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key, int count,
            Duration timeout) {
        try (KafkaConsumer<String, String> consumer = fromStart(topic)) {
            return collect(consumer, record -> key.equals(record.key()), count, timeout);
        }
    }

    /** The records of a topic whose value mentions {@code text} (e.g. a purchase id in a DLQ), read from the start. */
    public static List<ConsumerRecord<String, String>> recordsMentioning(String topic, String text, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = fromStart(topic)) {
            return collect(consumer, record -> record.value() != null && record.value().contains(text), 1, timeout);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (Kafka.class) {
                if (producer == null) {
                    Properties config = new Properties();
                    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
                }
            }
        }
        return producer;
    }
}
