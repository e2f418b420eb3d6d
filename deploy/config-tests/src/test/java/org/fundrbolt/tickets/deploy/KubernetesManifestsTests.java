package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** The Kubernetes manifests of deploy/k8s against the rules of issue 10 and the services' real configuration. */
class KubernetesManifestsTests {

    private static final String NAME = "app.kubernetes.io/name";
    private final List<Manifests.Manifest> base = Manifests.base();

    private Deployment deployment(String service) {
        return Manifests.named(base, Deployment.class, service);
    }

    private Container container(String service) {
        List<Container> containers = deployment(service).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("%s runs one container", service).hasSize(1);
        return containers.get(0);
    }

    @Test
    void everyManifestParsesIntoTypedObjects() {
        assertThat(base).as("objects in deploy/k8s/base").isNotEmpty();
        for (Manifests.Manifest m : base) {
            assertThat(m.object().getApiVersion()).as(m.where()).isNotBlank();
            assertThat(m.object().getMetadata().getName()).as(m.where()).isNotBlank();
            if (!m.object().getKind().equals("KafkaTopic")) {
                assertThat(m.object()).as("%s is a typed object, not a generic map", m.where())
                        .isNotInstanceOf(GenericKubernetesResource.class);
            }
        }
        assertThat(Manifests.overlayObjects()).allSatisfy(m -> assertThat(m.object())
                .as(m.where()).isNotInstanceOf(GenericKubernetesResource.class));
    }

    @Test
    void everyServiceHasItsDeploymentServiceConfigMapAutoscalerBudgetAndPolicy() {
        for (String service : Repo.SERVICES) {
            deployment(service);
            Manifests.named(base, Service.class, service);
            Manifests.named(base, ConfigMap.class, service + "-config");
            Manifests.named(base, HorizontalPodAutoscaler.class, service);
            Manifests.named(base, PodDisruptionBudget.class, service);
            Manifests.named(base, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class, service);
        }
        assertThat(Manifests.ofType(base, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    }

    @Test
    void probesAskTheHealthEndpointsOnTheManagementPort() {
        for (String service : Repo.SERVICES) {
            Container c = container(service);
            assertThat(c.getPorts()).as("%s ports", service)
                    .extracting(p -> p.getName() + "=" + p.getContainerPort())
                    .containsExactly("http=" + Repo.PORTS.get(service),
                            "management=" + (Repo.PORTS.get(service) + 1000));
            assertProbe(service, "liveness", c.getLivenessProbe(), "/q/health/live");
            assertProbe(service, "readiness", c.getReadinessProbe(), "/q/health/ready");
            if (c.getStartupProbe() != null) {
                assertProbe(service, "startup", c.getStartupProbe(), "/q/health/live");
            }
        }
    }

    private static void assertProbe(String service, String kind, Probe probe, String path) {
        assertThat(probe).as("%s has a %s probe", service, kind).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s %s probe is an HTTP GET", service, kind).isNotNull();
        assertThat(get.getPath()).as("%s %s probe path", service, kind).isEqualTo(path);
        Object port = get.getPort().getStrVal() != null ? get.getPort().getStrVal() : get.getPort().getIntVal();
        assertThat(port).as("%s %s probe on the management port", service, kind).isIn("management",
                Repo.PORTS.get(service) + 1000);
    }

    @Test
    void containersRequestAndLimitCpuAndMemoryAndBoundTheHeap() {
        for (String service : Repo.SERVICES) {
            ResourceRequirements r = container(service).getResources();
            assertThat(r).as("%s resources", service).isNotNull();
            assertResources(service, r.getRequests(), r.getLimits());
            String javaOpts = configValue(service, "JAVA_OPTS_APPEND");
            assertThat(javaOpts).as("%s JAVA_OPTS_APPEND", service)
                    .containsPattern("-XX:MaxRAMPercentage=\\d+(\\.\\d+)?")
                    .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            double percent = Double.parseDouble(javaOpts.replaceAll(".*-XX:MaxRAMPercentage=([\\d.]+).*", "$1"));
            assertThat(percent).as("%s heap share of the memory limit", service).isBetween(25.0, 75.0);
        }
    }

    static void assertResources(String where, Map<String, Quantity> requests, Map<String, Quantity> limits) {
        assertThat(requests).as("%s requests", where).containsKeys("cpu", "memory");
        assertThat(limits).as("%s limits", where).containsKeys("cpu", "memory");
        long memoryLimit = Quantity.getAmountInBytes(limits.get("memory")).longValue();
        assertThat(memoryLimit).as("%s memory limit", where).isBetween(256L << 20, 512L << 20);
        assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                .as("%s memory request <= limit", where)
                .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
        assertThat(Quantity.getAmountInBytes(requests.get("cpu")))
                .as("%s cpu request <= limit", where).isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("cpu")));
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystemWithoutPrivileges() {
        for (String service : Repo.SERVICES) {
            PodSpec pod = deployment(service).getSpec().getTemplate().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(podContext).as("%s pod securityContext", service).isNotNull();
            assertThat(podContext.getRunAsNonRoot()).as("%s runAsNonRoot", service).isTrue();
            assertThat(podContext.getRunAsUser()).as("%s runAsUser (the image's user 185)", service).isEqualTo(185L);
            SecurityContext c = container(service).getSecurityContext();
            assertThat(c).as("%s container securityContext", service).isNotNull();
            assertThat(c.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", service).isTrue();
            assertThat(c.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", service).isFalse();
            assertThat(c.getPrivileged()).as("%s privileged", service).isNotEqualTo(Boolean.TRUE);
            assertThat(c.getCapabilities().getDrop()).as("%s drops all capabilities", service).contains("ALL");
            assertThat(c.getCapabilities().getAdd()).as("%s adds no capability", service).isNullOrEmpty();
            // The JVM, Vert.x and uploads write to /tmp: it must be a writable emptyDir.
            String tmpVolume = container(service).getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp")).map(m -> m.getName()).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " mounts no volume at /tmp"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst()
                    .orElseThrow();
            assertThat(volume.getEmptyDir()).as("%s /tmp is an emptyDir", service).isNotNull();
        }
    }

    @Test
    void rollingUpdatesNeverTakeAReadyPodAwayFirst() {
        for (String service : Repo.SERVICES) {
            var strategy = deployment(service).getSpec().getStrategy();
            assertThat(strategy.getType()).as("%s strategy", service).isEqualTo("RollingUpdate");
            var unavailable = strategy.getRollingUpdate().getMaxUnavailable();
            assertThat(unavailable.getIntVal() != null ? unavailable.getIntVal().toString() : unavailable.getStrVal())
                    .as("%s maxUnavailable", service).isIn("0", "0%");
            assertThat(deployment(service).getSpec().getReplicas())
                    .as("%s leaves the replica count to its HorizontalPodAutoscaler", service).isNull();
        }
    }

    @Test
    void autoscalersBudgetsAndServicesPointAtTheirPods() {
        for (String service : Repo.SERVICES) {
            Map<String, String> podLabels = deployment(service).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(deployment(service).getSpec().getSelector().getMatchLabels()).as("%s selector", service)
                    .containsEntry(NAME, service);
            HorizontalPodAutoscaler hpa = Manifests.named(base, HorizontalPodAutoscaler.class, service);
            assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
            assertThat(hpa.getSpec().getMinReplicas()).as("%s minReplicas", service).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).as("%s maxReplicas", service)
                    .isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
            if (ServiceConfig.of(service).usesKafka()) {
                assertThat(hpa.getSpec().getMaxReplicas())
                        .as("%s: more consumers than the 6 partitions would idle", service)
                        .isLessThanOrEqualTo(KafkaTopicsTests.PARTITIONS);
            }
            PodDisruptionBudget pdb = Manifests.named(base, PodDisruptionBudget.class, service);
            assertThat(podLabels).as("%s PDB selects its pods", service)
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            Service svc = Manifests.named(base, Service.class, service);
            assertThat(podLabels).as("%s Service selects its pods", service)
                    .containsAllEntriesOf(svc.getSpec().getSelector());
            ServicePort port = svc.getSpec().getPorts().get(0);
            assertThat(port.getPort()).as("%s Service port", service).isEqualTo(Repo.PORTS.get(service));
            assertThat(port.getTargetPort().getStrVal() != null
                    ? port.getTargetPort().getStrVal()
                    : port.getTargetPort().getIntVal()).as("%s Service targetPort", service)
                    .isIn("http", Repo.PORTS.get(service));
        }
    }

    @Test
    void noSecretValueIsWrittenInTheRepository() {
        List<String> problems = new ArrayList<>();
        List<Manifests.Manifest> all = new ArrayList<>(base);
        all.addAll(Manifests.overlayObjects());
        for (Manifests.Manifest m : all) {
            if (m.object() instanceof Secret secret) {
                if ((secret.getData() != null && !secret.getData().isEmpty())
                        || (secret.getStringData() != null && !secret.getStringData().isEmpty())) {
                    problems.add(m.where() + " carries secret data");
                }
            }
            if (m.object() instanceof ConfigMap cm && cm.getData() != null) {
                cm.getData().forEach(
                        (k, v) -> Secrets.literalProblem(k, v).ifPresent(p -> problems.add(m.where() + ": " + p)));
            }
            if (m.object() instanceof Deployment d) {
                for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                        if (e.getValue() != null) {
                            Secrets.literalProblem(e.getName(), e.getValue())
                                    .ifPresent(p -> problems.add(m.where() + ": " + p));
                        } else if (Secrets.sensitive(e.getName()) && !e.getName().endsWith("_LOCATION")) {
                            assertThat(e.getValueFrom().getSecretKeyRef())
                                    .as("%s: %s comes from a Secret", m.where(), e.getName()).isNotNull();
                        }
                    }
                }
            }
        }
        // Any file under deploy/k8s, typed or not: no key material, no well-known emulator account keys.
        for (var file : Manifests.yamlFiles(Manifests.K8S)) {
            String text = Repo.read(file);
            if (text.contains("-----BEGIN") || text.contains("AccountKey=")) {
                problems.add(Repo.relative(file) + " contains key material");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void imagesAreTheOnesTheContainerImagesProfileBuilds() {
        String version = Repo.projectVersion();
        for (String service : Repo.SERVICES) {
            assertThat(container(service).getImage()).as("%s image", service)
                    .isEqualTo("fundrbolt/" + Repo.artifactId(service) + ":" + version);
        }
    }

    @Test
    void everyEnvironmentVariableIsAConfigKeyOfItsService() {
        List<String> problems = new ArrayList<>();
        List<Manifests.Manifest> overlays = Manifests.overlayObjects();
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            for (String env : environment(service).keySet()) {
                config.problemWith(env).ifPresent(p -> problems.add("deploy/k8s " + service + ": " + p));
            }
            for (ConfigMap patch : Manifests.ofType(overlays, ConfigMap.class)) {
                if (patch.getMetadata().getName().equals(service + "-config")) {
                    for (String env : patch.getData().keySet()) {
                        config.problemWith(env).ifPresent(p -> problems.add("overlay patch " + service + ": " + p));
                        assertThat(configMapOf(service).getData())
                                .as("overlay patch of %s sets a key the base has", service)
                                .containsKey(env);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        for (ConfigMap patch : Manifests.ofType(overlays, ConfigMap.class)) {
            assertThat(Manifests.configMap(base, patch.getMetadata().getName()))
                    .as("overlay patch %s has a ConfigMap in the base", patch.getMetadata().getName()).isPresent();
        }
    }

    @Test
    void everyServiceGetsWhatItCannotStartWithout() {
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Set<String> env = environment(service).keySet();
            assertThat(env).as(service).contains("QUARKUS_HTTP_PORT", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "JAVA_OPTS_APPEND");
            assertThat(configValue(service, "QUARKUS_HTTP_PORT")).isEqualTo(String.valueOf(Repo.PORTS.get(service)));
            if (config.usesDatasource()) {
                assertThat(env).as(service).contains("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
                String database = service.replace("-service", "");
                assertThat(configValue(service, "QUARKUS_DATASOURCE_REACTIVE_URL")).endsWith("/" + database);
                assertThat(configValue(service, "QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/" + database);
                assertThat(configValue(service, "QUARKUS_FLYWAY_MIGRATE_AT_START")).isEqualTo("true");
            }
            if (config.usesRedis()) {
                assertThat(env).as(service).contains("QUARKUS_REDIS_HOSTS");
            }
            if (config.usesKafka()) {
                assertThat(env).as(service).contains("KAFKA_BOOTSTRAP_SERVERS");
            }
        }
        // The keys without a production default (dev/test profiles only, or no default at all).
        assertThat(environment("purchase-service")).containsKeys("PURCHASE_TICKET_SIGNING_KID",
                "PURCHASE_TICKET_SIGNING_PRIVATE_KEY_LOCATION", "PURCHASE_TICKET_SIGNING_PUBLIC_KEY_LOCATION",
                "PURCHASE_PROMO_URL", "SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertThat(environment("catalog-service")).containsKeys("CATALOG_PURCHASE_URL",
                "SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertThat(environment("media-service")).containsKeys("MEDIA_STORAGE_CONNECTION_STRING",
                "MEDIA_PUBLIC_BASE_URL");
        assertThat(environment("gateway")).containsKeys("GATEWAY_SERVICES_CATALOG_URL", "GATEWAY_SERVICES_PROMO_URL",
                "GATEWAY_SERVICES_PURCHASE_URL", "GATEWAY_SERVICES_MEDIA_URL");
    }

    @Test
    void mountedKeyFilesAreWhereTheConfigurationLooksForThem() {
        for (String service : Repo.SERVICES) {
            Container c = container(service);
            environment(service).forEach((name, value) -> {
                if (name.endsWith("_KEY_LOCATION") && value != null && value.startsWith("/")) {
                    assertThat(c.getVolumeMounts()).as("%s mounts the directory of %s=%s", service, name, value)
                            .anySatisfy(m -> assertThat(value).startsWith(m.getMountPath() + "/"));
                }
            });
        }
    }

    @Test
    void onlyTheGatewayIsExposedThroughAnIngressAndNeverItsOperationsPaths() {
        List<Ingress> ingresses = Manifests.ofType(base, Ingress.class);
        assertThat(ingresses).singleElement().satisfies(ingress -> {
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
                    assertThat(path.getPath()).as("operations and internal paths stay inside")
                            .doesNotStartWith("/q").doesNotStartWith("/internal").isNotEqualTo("/");
                }
            }
        });
        assertThat(ingresses.get(0).getSpec().getRules().get(0).getHttp().getPaths())
                .extracting(HTTPIngressPath::getPath)
                .contains("/api/", "/admin", "/checkout", "/images/", "/docs", "/openapi.json");
        assertThat(Manifests.ofType(base, Service.class)).allSatisfy(s -> assertThat(s.getSpec().getType())
                .as("%s stays inside the cluster", s.getMetadata().getName()).isIn(null, "ClusterIP"));
    }

    /** The variables a service's container gets: its ConfigMap (envFrom) plus its env entries (value or null). */
    private Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Container c = container(service);
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            assertThat(from.getSecretRef() == null || from.getPrefix() == null).isTrue();
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = Manifests.configMap(base, from.getConfigMapRef().getName())
                        .orElseThrow(() -> new AssertionError(
                                service + " reads a missing ConfigMap " + from.getConfigMapRef().getName()));
                env.putAll(cm.getData());
            }
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        return env;
    }

    private ConfigMap configMapOf(String service) {
        return Manifests.configMap(base, service + "-config").orElseThrow();
    }

    private String configValue(String service, String key) {
        return Objects.requireNonNull(environment(service).get(key), service + " sets no " + key);
    }

    static Set<String> names(List<Manifests.Manifest> manifests) {
        Set<String> names = new TreeSet<>();
        manifests.forEach(m -> names.add(m.object().getKind() + "/" + m.object().getMetadata().getName()));
        return names;
    }
}
