package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** docker-compose.yml: the five services healthy in order, with the settings the services really read. */
class ComposeTests {

    /** Services that a service uses but is ready without: purchase-service's mail outbox waits for the SMTP server. */
    static final Set<String> NOT_NEEDED_FOR_READINESS = Set.of("maildev");

    private final JsonNode compose = Repo.yaml(Repo.path("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    Map<String, String> environment(String service) {
        JsonNode env = services.path(service).path("environment");
        Map<String, String> map = new HashMap<>();
        if (env.isArray()) {
            env.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                map.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        } else {
            env.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new HashMap<>();
        JsonNode deps = services.path(service).path("depends_on");
        assertThat(deps.isObject()).as("%s depends_on is a map with conditions", service).isTrue();
        deps.fields().forEachRemaining(e -> conditions.put(e.getKey(), e.getValue().path("condition").asText()));
        return conditions;
    }

    @Test
    void theFileAvoidsKeysThatDockerCompose1Rejects() {
        assertThat(compose.has("name")).as("top-level name is refused by docker-compose 1.29").isFalse();
        assertThat(compose.has("services")).isTrue();
    }

    @Test
    void everyServiceHasAReadinessHealthcheckAndPublishesItsPort() {
        for (String service : Repo.SERVICES) {
            JsonNode s = services.path(service);
            assertThat(s.isMissingNode()).as("%s is in docker-compose.yml", service).isFalse();
            assertThat(s.path("image").asText())
                    .isEqualTo("fundrbolt/" + Repo.artifactId(service) + ":" + Repo.projectVersion());
            String port = String.valueOf(Repo.PORTS.get(service));
            String management = String.valueOf(Repo.PORTS.get(service) + 1000);
            assertThat(s.path("healthcheck").path("test").toString()).as("%s healthcheck on the management port",
                    service).contains("/q/health/ready").contains(":" + management + "/");
            List<String> ports = new ArrayList<>();
            s.path("ports").forEach(p -> ports.add(p.asText()));
            assertThat(ports).as("%s ports", service).contains(port + ":" + port);
            assertThat(environment(service)).as("%s QUARKUS_HTTP_PORT", service).containsEntry("QUARKUS_HTTP_PORT",
                    port);
        }
    }

    @Test
    void servicesStartOnlyWhenWhatTheyNeedIsHealthy() {
        Set<String> oneShots = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            if ("no".equals(e.getValue().path("restart").asText()) && !e.getValue().has("healthcheck")) {
                oneShots.add(e.getKey());
            }
        });
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, String> deps = dependsOn(service);
            deps.forEach((dependency, condition) -> {
                assertThat(services.has(dependency)).as("%s depends on a defined service %s", service, dependency)
                        .isTrue();
                if (oneShots.contains(dependency)) {
                    assertThat(condition).as("%s waits for the one-shot %s to finish", service, dependency)
                            .isEqualTo("service_completed_successfully");
                } else if (NOT_NEEDED_FOR_READINESS.contains(dependency)) {
                    assertThat(condition).as("%s is ready without %s, so it only waits for it to start", service,
                            dependency).isEqualTo("service_started");
                } else {
                    assertThat(condition).as("%s -> %s", service, dependency).isEqualTo("service_healthy");
                    assertThat(services.path(dependency).has("healthcheck")).as("%s has a healthcheck", dependency)
                            .isTrue();
                }
            });
            if (config.usesDatasource()) {
                assertThat(deps).as(service).containsKey("postgres");
            }
            if (config.usesRedis()) {
                assertThat(deps).as(service).containsKey("redis");
            }
            if (config.usesKafka()) {
                assertThat(deps).as(service).containsKey("kafka");
            }
        }
        assertThat(dependsOn("media-service")).containsKey("azurite");
        assertThat(dependsOn("gateway")).containsKeys("catalog-service", "promo-service", "purchase-service",
                "media-service");
    }

    @Test
    void everyEnvironmentVariableIsAConfigKeyOfItsService() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            environment(service).keySet().forEach(env -> config.problemWith(env)
                    .ifPresent(p -> problems.add("docker-compose.yml " + service + ": " + p)));
            if (config.usesDatasource()) {
                String database = service.replace("-service", "");
                assertThat(environment(service).get("QUARKUS_DATASOURCE_REACTIVE_URL")).endsWith("/" + database);
                assertThat(environment(service).get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/" + database);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(environment("gateway")).containsEntry("GATEWAY_SERVICES_CATALOG_URL", "http://catalog-service:8081")
                .containsEntry("GATEWAY_SERVICES_PROMO_URL", "http://promo-service:8082")
                .containsEntry("GATEWAY_SERVICES_PURCHASE_URL", "http://purchase-service:8083")
                .containsEntry("GATEWAY_SERVICES_MEDIA_URL", "http://media-service:8084");
        assertThat(environment("catalog-service")).containsEntry("CATALOG_PURCHASE_URL",
                "http://purchase-service:8083");
        assertThat(environment("purchase-service")).containsEntry("PURCHASE_PROMO_URL", "http://promo-service:8082")
                .containsKeys("PURCHASE_TICKET_SIGNING_KID", "PURCHASE_TICKET_SIGNING_PRIVATE_KEY_LOCATION",
                        "PURCHASE_TICKET_SIGNING_PUBLIC_KEY_LOCATION", "SMALLRYE_JWT_SIGN_KEY_LOCATION")
                .containsEntry("QUARKUS_MAILER_HOST", "maildev").containsEntry("QUARKUS_MAILER_PORT", "1025");
        assertThat(environment("media-service")).containsKeys("MEDIA_STORAGE_CONNECTION_STRING",
                "MEDIA_PUBLIC_BASE_URL");
    }

    @Test
    void mirrorsTheVariablesOfTheLocalStack() {
        // deploy/local/stack service_env: the same names, minus the ones a service does not read.
        String stack = Repo.read("deploy/local/stack");
        String serviceEnv = stack.substring(stack.indexOf("service_env() {"), stack.indexOf("service_ready()"));
        Matcher m = Pattern.compile("echo \"([A-Z0-9_]+)=").matcher(serviceEnv);
        Set<String> stackNames = new TreeSet<>();
        while (m.find()) {
            stackNames.add(m.group(1));
        }
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Set<String> expected = new TreeSet<>();
            for (String name : stackNames) {
                boolean forThisService = (!name.matches("(GATEWAY|CATALOG|PURCHASE|MEDIA|PROMO)_.*")
                        || name.startsWith(prefix(service)))
                        // only purchase-service sends mail (API.md, "Tickets by email")
                        && (!name.startsWith("QUARKUS_MAILER_") || service.equals("purchase-service"));
                boolean passwordless = name.equals("QUARKUS_DATASOURCE_PASSWORD");
                if (forThisService && config.problemWith(name).isEmpty() && !passwordless) {
                    expected.add(name);
                }
            }
            assertThat(environment(service).keySet()).as("%s in docker-compose.yml mirrors deploy/local/stack", service)
                    .containsAll(expected);
        }
    }

    private static String prefix(String service) {
        return service.replace("-service", "").toUpperCase() + "_";
    }

    @Test
    void databasesAndTopicsAreCreatedOnFirstStart() {
        String sql = Repo.read("deploy/compose/create-databases.sql");
        for (String service : Repo.SERVICES) {
            if (ServiceConfig.of(service).usesDatasource()) {
                assertThat(sql).containsIgnoringCase("CREATE DATABASE " + service.replace("-service", "") + ";");
            }
        }
        assertThat(services.path("postgres").path("volumes").toString())
                .contains("create-databases.sql:/docker-entrypoint-initdb.d/");
        String script = Repo.read("deploy/compose/create-topics.sh");
        assertThat(services.path("kafka-topics").path("volumes").toString()).contains("create-topics.sh");
        assertThat(script).doesNotContainPattern("--partitions (?!6\\b)");
        for (String topic : KafkaTopicsTests.DOCUMENTED) {
            assertThat(script).as("create-topics.sh creates %s", topic)
                    .containsPattern("(^|\\s)" + Pattern.quote(topic) + "(\\s|;|$)");
        }
        assertThat(script).containsPattern("--topic catalog\\.packages .*cleanup\\.policy=compact");
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE")
                .asText())
                .isEqualTo("false");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        Assumptions.assumeTrue(binary.isPresent(),
                "docker-compose is not on the PATH: the file was not validated by `docker-compose config -q` "
                        + "(install it, e.g. apt-get install docker-compose, to run this check)");
        Process process = new ProcessBuilder(binary.get().toString(), "-f", "docker-compose.yml", "config", "-q")
                .directory(Repo.root().toFile()).redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done).as("docker-compose config finished within 60 s").isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q: %s", output).isZero();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
