package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Every topic of ARCHITECTURE.md, and every topic a service names, has its Strimzi KafkaTopic. */
class KafkaTopicsTests {

    static final int PARTITIONS = 6;
    static final Set<String> DOCUMENTED = Set.of("catalog.packages", "purchase.sales", "media.images",
            "catalog.packages.dlq", "purchase.sales.dlq", "media.images.dlq");
    private static final Pattern TOPIC_KEY = Pattern
            .compile("(?m)^(?:%[^.]+\\.)?mp\\.messaging\\.[^=]*topic\\s*=\\s*(\\S+)");

    /** The topics the services' application.properties name (channels and dead-letter queues). */
    static Set<String> topicsTheServicesUse() {
        Set<String> topics = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            Matcher m = TOPIC_KEY.matcher(Repo.read(service + "/src/main/resources/application.properties"));
            while (m.find()) {
                topics.add(m.group(1));
            }
        }
        return topics;
    }

    @Test
    void everyTopicHasAKafkaTopicWithSixPartitionsAndItsRetention() {
        Map<String, Map<String, Object>> specs = new TreeMap<>();
        for (Manifests.Manifest m : Manifests.base()) {
            if (m.object() instanceof GenericKubernetesResource topic && topic.getKind().equals("KafkaTopic")) {
                assertThat(topic.getApiVersion()).as(m.where()).isEqualTo("kafka.strimzi.io/v1beta2");
                assertThat(topic.getMetadata().getLabels()).as(m.where()).containsKey("strimzi.io/cluster");
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
                specs.put(String.valueOf(spec.get("topicName")), spec);
            }
        }
        assertThat(specs.keySet()).containsAll(DOCUMENTED).containsAll(topicsTheServicesUse());
        specs.forEach((name, spec) -> {
            assertThat(spec.get("partitions")).as("%s partitions", name).isEqualTo(PARTITIONS);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            if (name.equals("catalog.packages")) {
                assertThat(config.get("cleanup.policy")).as("%s is compacted", name).isEqualTo("compact");
            } else {
                assertThat(config.get("cleanup.policy")).as("%s cleanup.policy", name).isIn(null, "delete");
                assertThat(String.valueOf(config.get("retention.ms"))).as("%s kept 7 days", name)
                        .isEqualTo("604800000");
            }
        });
    }

    @Test
    void theServicesNameOnlyDocumentedTopics() {
        assertThat(DOCUMENTED).containsAll(topicsTheServicesUse());
    }
}
