package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;

/**
 * ARCHITECTURE.md, "Email": purchase-service talks SMTP to a real server everywhere — MailDev in the local stack,
 * in docker-compose and in the dev cluster, an SMTP relay with STARTTLS and a login from a Secret in production.
 */
class MailServerTests {

    private static final String MAILER = "purchase-service";
    private static final Path DEV = Repo.path(Manifests.K8S + "/overlays/dev");
    private static final Path PROD = Repo.path(Manifests.K8S + "/overlays/prod");

    @Test
    void onlyPurchaseServiceSendsMail() {
        for (String service : Repo.SERVICES) {
            assertThat(ServiceConfig.of(service).usesMailer()).as("%s configures quarkus-mailer", service)
                    .isEqualTo(service.equals(MAILER));
        }
    }

    @Test
    void theLocalStackRunsMailDevOnLoopbackAndPointsPurchaseServiceAtIt() {
        String stack = Repo.read("deploy/local/stack");
        Map<String, String> env = stackEnvironment(stack, MAILER);
        assertThat(env).containsEntry("QUARKUS_MAILER_HOST", "127.0.0.1")
                .containsEntry("QUARKUS_MAILER_PORT", "$MAILDEV_SMTP_PORT")
                .containsEntry("QUARKUS_MAILER_FROM", "FundrBolt Tickets <tickets@fundrbolt.local>")
                .containsEntry("QUARKUS_MAILER_MOCK", "false").containsEntry("QUARKUS_MAILER_START_TLS", "DISABLED")
                .containsEntry("QUARKUS_MAILER_TLS", "false");
        assertThat(stack).contains("MAILDEV_SMTP_PORT=${MAILDEV_SMTP_PORT:-1025}")
                .contains("MAILDEV_WEB_PORT=${MAILDEV_WEB_PORT:-1080}");
        String ensure = function(stack, "ensure_maildev");
        assertThat(ensure).as("bound to loopback").contains("--ip 127.0.0.1").contains("--web-ip 127.0.0.1")
                .contains("npm ci").contains("$PIDS/maildev.pid").contains("$LOGS/maildev.log");
        assertThat(function(stack, "infra")).contains("ensure_maildev");
        assertThat(function(stack, "down")).contains("stop_pid maildev");
        assertThat(function(stack, "status")).contains("maildev");
        assertThat(function(stack, "kill_one")).as("stack kill maildev, as the SMTP outage drill does")
                .contains("maildev");

        JsonNode pkg = Repo.yaml(Repo.path("deploy/local/maildev/package.json"));
        assertThat(pkg.path("dependencies").path("maildev").asText()).as("pinned, not a range").isEqualTo("3.0.0");
        JsonNode lock = Repo.yaml(Repo.path("deploy/local/maildev/package-lock.json"));
        assertThat(lock.path("packages").path("node_modules/maildev").path("version").asText())
                .as("package-lock.json (npm ci installs exactly it)").isEqualTo("3.0.0");
    }

    @Test
    void dockerComposeRunsMailDevAndPurchaseServiceSendsToItWithoutWaitingForIt() {
        ComposeTests compose = new ComposeTests();
        JsonNode maildev = Repo.yaml(Repo.path("docker-compose.yml")).path("services").path("maildev");
        assertThat(maildev.path("image").asText()).isEqualTo("maildev/maildev:2.2.1");
        List<String> ports = new ArrayList<>();
        maildev.path("ports").forEach(p -> ports.add(p.asText()));
        assertThat(ports).containsExactlyInAnyOrder("127.0.0.1:1025:1025", "127.0.0.1:1080:1080");
        assertThat(compose.environment(MAILER)).containsEntry("QUARKUS_MAILER_HOST", "maildev")
                .containsEntry("QUARKUS_MAILER_PORT", "1025").containsEntry("QUARKUS_MAILER_START_TLS", "DISABLED")
                .containsEntry("QUARKUS_MAILER_TLS", "false").containsEntry("QUARKUS_MAILER_MOCK", "false")
                .containsKey("QUARKUS_MAILER_FROM");
        assertThat(compose.dependsOn(MAILER)).containsEntry("maildev", "service_started");
    }

    @Test
    void kubernetesSendsThroughARelayWithStartTlsAndALoginFromASecret() {
        List<Manifests.Manifest> base = Manifests.base();
        Map<String, String> config = Manifests.configMap(base, MAILER + "-config").orElseThrow().getData();
        assertThat(config).containsKeys("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_FROM")
                .containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED").containsEntry("QUARKUS_MAILER_MOCK", "false")
                .doesNotContainKeys("QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");
        Container container = Manifests.named(base, Deployment.class, MAILER).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Set<String> secrets = new TreeSet<>();
        for (String name : List.of("QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD")) {
            EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(MAILER + " gets no " + name));
            SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
            assertThat(ref).as("%s from a Secret", name).isNotNull();
            assertThat(ref.getOptional()).as("%s: a relay without login needs no Secret", name).isTrue();
            secrets.add(ref.getName());
        }
        assertThat(secrets).as("one Secret holds the relay's login").hasSize(1);
        assertThat(Repo.read("deploy/README.md")).as("deploy/README.md lists the Secret to create")
                .contains("`" + secrets.iterator().next() + "`");

        Map<String, String> prod = new LinkedHashMap<>(config);
        prod.putAll(configPatch(PROD, MAILER + "-config"));
        assertThat(prod.get("QUARKUS_MAILER_START_TLS").equals("REQUIRED") || prod.get("QUARKUS_MAILER_TLS")
                .equals("true")).as("production mail is encrypted: %s", prod).isTrue();
        assertThat(prod.get("QUARKUS_MAILER_HOST")).isNotEqualTo("maildev");
        for (Path file : kustomizationFiles(PROD)) {
            assertThat(Repo.read(file)).as("%s: MailDev is for development only", Repo.relative(file))
                    .doesNotContainIgnoringCase("maildev");
        }
    }

    @Test
    void theDevClusterRunsMailDevAndOnlyPurchaseServiceMaySendToIt() {
        assertThat(kustomizationFiles(DEV)).extracting(Path::toString)
                .anyMatch(f -> f.endsWith("maildev/deployment.yaml"));
        List<Manifests.Manifest> maildev = new ArrayList<>();
        for (Path file : kustomizationFiles(DEV)) {
            if (file.startsWith(DEV.resolve("maildev")) && !Manifests.isKustomization(file)) {
                maildev.addAll(Manifests.parse(file));
            }
        }
        Deployment deployment = Manifests.named(maildev, Deployment.class, "maildev");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("maildev/maildev:2.2.1");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(deployment.getMetadata().getLabels()).as("the services' dev patches leave MailDev alone")
                .doesNotContainEntry("app.kubernetes.io/part-of", "fundrbolt-tickets");

        Service service = Manifests.named(maildev, Service.class, "maildev");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        ServicePort smtp = service.getSpec().getPorts().stream().filter(p -> p.getName().equals("smtp")).findFirst()
                .orElseThrow();
        Map<String, String> dev = configPatch(DEV, MAILER + "-config");
        assertThat(dev).containsEntry("QUARKUS_MAILER_HOST", service.getMetadata().getName())
                .containsEntry("QUARKUS_MAILER_PORT", String.valueOf(smtp.getPort()))
                .containsEntry("QUARKUS_MAILER_START_TLS", "DISABLED");
        assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("smtp"));

        NetworkPolicy policy = Manifests.named(maildev, NetworkPolicy.class, "maildev");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(
                    peer.getPodSelector().getMatchLabels())
                    .containsExactly(Map.entry("app.kubernetes.io/name", MAILER)));
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("smtp"));
        });
    }

    /** The data of the strategic-merge ConfigMap patch named {@code name} among an overlay's patches. */
    private static Map<String, String> configPatch(Path overlay, String name) {
        for (JsonNode patch : Manifests.kustomization(overlay).path("patches")) {
            Path file = overlay.resolve(patch.path("path").asText());
            if (!Manifests.isJsonPatch(file)) {
                for (Manifests.Manifest m : Manifests.parse(file)) {
                    if (m.object() instanceof ConfigMap cm && cm.getMetadata().getName().equals(name)) {
                        return cm.getData();
                    }
                }
            }
        }
        throw new AssertionError(Repo.relative(overlay) + " patches no ConfigMap " + name);
    }

    /** Every file a kustomization applies: its own, its patches', and those of the folders it lists, recursively. */
    private static List<Path> kustomizationFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("kustomization.yaml"));
        JsonNode k = Manifests.kustomization(dir);
        for (JsonNode resource : k.path("resources")) {
            Path target = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(target)) {
                files.addAll(kustomizationFiles(target));
            } else {
                files.add(target);
            }
        }
        k.path("patches").forEach(p -> files.add(dir.resolve(p.path("path").asText()).normalize()));
        return files;
    }

    /** The variables deploy/local/stack's service_env writes for one service: the common ones and its own case. */
    private static Map<String, String> stackEnvironment(String stack, String service) {
        String serviceEnv = function(stack, "service_env");
        int own = serviceEnv.indexOf("\n    " + service + ")");
        assertThat(own).as("service_env has a case for %s", service).isPositive();
        String block = serviceEnv.substring(own, serviceEnv.indexOf(";;", own));
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("echo \"([A-Z0-9_]+)=([^\"]*)\"").matcher(block);
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    /** The body of a shell function of deploy/local/stack, up to the closing brace at the start of a line. */
    private static String function(String script, String name) {
        int start = script.indexOf("\n" + name + "() {");
        assertThat(start).as("deploy/local/stack defines %s", name).isPositive();
        return script.substring(start, script.indexOf("\n}", start));
    }
}
