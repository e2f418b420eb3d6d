import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics of ARCHITECTURE.md (broker auto-creation is off): 6 partitions each,
 * catalog.packages compacted, the others kept 7 days, and a .dlq topic for each.
 * Usage: java -cp '.local/lib/*' deploy/local/tools/CreateTopics.java BOOTSTRAP
 */
public class CreateTopics {

    private static final String SEVEN_DAYS_MS = String.valueOf(7L * 24 * 3600 * 1000);

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "127.0.0.1:9092");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> wanted = new ArrayList<>();
            wanted.add(topic("catalog.packages", Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")));
            wanted.add(topic("purchase.sales", Map.of("cleanup.policy", "delete", "retention.ms", SEVEN_DAYS_MS)));
            wanted.add(topic("media.images", Map.of("cleanup.policy", "delete", "retention.ms", SEVEN_DAYS_MS)));
            for (String base : List.of("catalog.packages", "purchase.sales", "media.images")) {
                wanted.add(topic(base + ".dlq", Map.of("cleanup.policy", "delete", "retention.ms", SEVEN_DAYS_MS)));
            }
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            for (NewTopic t : wanted) {
                System.out.println((missing.contains(t) ? "created  " : "exists   ") + t.name());
            }
        }
    }

    private static NewTopic topic(String name, Map<String, String> configs) {
        return new NewTopic(name, 6, (short) 1).configs(configs);
    }
}
