import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics' operations (ARCHITECTURE.md, "Transient is not poison"):
 * {@code list} shows how many records each {@code <topic>.dlq} holds and how many are not yet replayed;
 * {@code replay TOPIC} sends every record of {@code TOPIC.dlq} not replayed before back to {@code TOPIC}
 * (same key and value, the dead-letter headers dropped), then remembers how far it got in the consumer
 * group {@code dlq-replay.TOPIC}, so a second replay sends only what arrived since. Consumers are
 * idempotent, so a record replayed twice changes nothing; one still unreadable lands in the DLQ again.
 * Usage: java -cp '.local/lib/*' deploy/local/tools/DlqReplay.java BOOTSTRAP list|replay TOPIC
 */
public class DlqReplay {

    private static final List<String> TOPICS = List.of("catalog.packages", "purchase.sales", "media.images");

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String command = args.length > 1 ? args[1] : "list";
        if (command.equals("list")) {
            for (String topic : TOPICS) {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, topic)) {
                    List<TopicPartition> partitions = partitions(consumer, topic + ".dlq");
                    long total = 0;
                    long pending = 0;
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
                    Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new java.util.HashSet<>(partitions));
                    for (TopicPartition partition : partitions) {
                        total += ends.get(partition) - starts.get(partition);
                        long from = done.get(partition) == null ? starts.get(partition) : done.get(partition).offset();
                        pending += Math.max(0, ends.get(partition) - Math.max(from, starts.get(partition)));
                    }
                    System.out.printf("%-22s %6d records, %6d not replayed%n", topic + ".dlq", total, pending);
                }
            }
            return;
        }
        if (!command.equals("replay") || args.length < 3 || !TOPICS.contains(args[2])) {
            System.err.println("usage: DlqReplay BOOTSTRAP list | replay TOPIC (one of " + TOPICS + ")");
            System.exit(2);
        }
        String topic = args[2];
        System.out.println("replayed " + replay(bootstrap, topic) + " records from " + topic + ".dlq to " + topic);
    }

    private static long replay(String bootstrap, String topic) throws Exception {
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, topic);
                KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topic + ".dlq");
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new java.util.HashSet<>(partitions));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata committed = done.get(partition);
                consumer.seek(partition, committed == null ? starts.get(partition)
                        : Math.max(committed.offset(), starts.get(partition)));
            }
            // Only what is there now: records dead-lettered during the replay wait for the next one.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
                List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topic, record.key(), record.value());
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith("dead-letter")) {
                            again.headers().add(header);
                        }
                    }
                    sends.add(producer.send(again));
                    progress.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    replayed++;
                }
                for (var send : sends) {
                    send.get();
                }
                if (!progress.isEmpty()) {
                    consumer.commitSync(progress);
                }
            }
        }
        return replayed;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-replay." + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
