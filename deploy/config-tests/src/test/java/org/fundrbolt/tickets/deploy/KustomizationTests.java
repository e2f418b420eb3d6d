package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;

/** The Kustomize tree: files that exist, nothing orphaned, overlays that patch what the base has. */
class KustomizationTests {

    private static final Path K8S = Repo.path(Manifests.K8S);
    private final List<Manifests.Manifest> base = Manifests.base();

    private List<Path> kustomizations() {
        return Manifests.yamlFiles(Manifests.K8S).stream().filter(Manifests::isKustomization).toList();
    }

    @Test
    void everyKustomizationListsFilesThatExist() {
        List<String> problems = new ArrayList<>();
        for (Path file : kustomizations()) {
            Path dir = file.getParent();
            JsonNode k = Repo.yaml(file);
            assertThat(k.path("kind").asText()).as(Repo.relative(file)).isEqualTo("Kustomization");
            for (JsonNode resource : k.path("resources")) {
                Path target = dir.resolve(resource.asText()).normalize();
                if (Files.isDirectory(target)
                        ? !Files.isRegularFile(target.resolve("kustomization.yaml"))
                        : !Files.isRegularFile(target)) {
                    problems.add(Repo.relative(file) + " lists a missing resource " + resource.asText());
                }
            }
            for (JsonNode patch : k.path("patches")) {
                if (patch.has("path") && !Files.isRegularFile(dir.resolve(patch.path("path").asText()))) {
                    problems.add(Repo.relative(file) + " lists a missing patch " + patch.path("path").asText());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyManifestFileIsPartOfAKustomization() {
        Set<Path> listed = new TreeSet<>();
        for (Path file : kustomizations()) {
            listed.add(file.normalize());
            JsonNode k = Repo.yaml(file);
            k.path("resources").forEach(r -> listed.add(file.getParent().resolve(r.asText()).normalize()));
            k.path("patches").forEach(p -> listed.add(file.getParent().resolve(p.path("path").asText()).normalize()));
        }
        assertThat(Manifests.yamlFiles(Manifests.K8S)).allSatisfy(f -> assertThat(listed)
                .as("%s is listed by a kustomization.yaml (else it is never applied)", Repo.relative(f))
                .contains(f.normalize()));
    }

    @Test
    void theBaseHoldsEveryServiceAndTheOverlaysBuildOnIt() {
        JsonNode root = Manifests.kustomization(K8S.resolve("base"));
        List<String> resources = new ArrayList<>();
        root.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).containsAll(Repo.SERVICES);
        for (String overlay : List.of("dev", "prod")) {
            JsonNode k = Manifests.kustomization(K8S.resolve("overlays/" + overlay));
            assertThat(k.path("resources").toString()).as(overlay).contains("../../base");
            assertThat(k.path("namespace").asText()).as("%s namespace", overlay).isNotBlank();
        }
    }

    @Test
    void overlaysSetTheImageOfEveryService() {
        for (String overlay : List.of("dev", "prod")) {
            Map<String, JsonNode> images = new HashMap<>();
            Manifests.kustomization(K8S.resolve("overlays/" + overlay)).path("images")
                    .forEach(i -> images.put(i.path("name").asText(), i));
            for (String service : Repo.SERVICES) {
                String image = "fundrbolt/" + Repo.artifactId(service);
                assertThat(images).as("%s sets the image %s", overlay, image).containsKey(image);
                JsonNode entry = images.get(image);
                assertThat(entry.path("newTag").asText()).as("%s %s tag", overlay, image).isNotBlank();
                if (entry.has("newName")) {
                    assertThat(entry.path("newName").asText()).as("%s %s newName", overlay, image)
                            .endsWith("/" + image);
                }
            }
            assertThat(images).as("%s images name no unknown image", overlay).hasSize(Repo.SERVICES.size());
        }
    }

    @Test
    void overlayPatchesTargetObjectsOfTheBaseAndKeepResourcesSane() {
        for (String overlay : List.of("dev", "prod")) {
            Path dir = K8S.resolve("overlays/" + overlay);
            for (JsonNode patch : Manifests.kustomization(dir).path("patches")) {
                Path file = dir.resolve(patch.path("path").asText());
                JsonNode target = patch.path("target");
                if (Manifests.isJsonPatch(file)) {
                    assertThat(target.isMissingNode()).as("%s: a JSON patch needs a target", Repo.relative(file))
                            .isFalse();
                    List<HasMetadata> matched = base.stream().map(Manifests.Manifest::object)
                            .filter(o -> o.getKind().equals(target.path("kind").asText()))
                            .filter(o -> !target.has("name")
                                    || o.getMetadata().getName().equals(target.path("name").asText()))
                            .filter(o -> !target.has("labelSelector")
                                    || matches(target.path("labelSelector").asText(), o))
                            .toList();
                    assertThat(matched).as("%s patch %s matches objects of the base", overlay, file.getFileName())
                            .isNotEmpty();
                    for (JsonNode op : Repo.yaml(file)) {
                        if (op.path("path").asText().endsWith("/resources")) {
                            KubernetesManifestsTests.assertResources(overlay + " " + file.getFileName(),
                                    quantities(op.path("value").path("requests")),
                                    quantities(op.path("value").path("limits")));
                        }
                        if (op.path("path").asText().equals("/spec/minReplicas")) {
                            assertThat(op.path("value").asInt()).as("%s minReplicas", overlay).isBetween(1,
                                    KafkaTopicsTests.PARTITIONS);
                        }
                    }
                } else {
                    for (Manifests.Manifest m : Manifests.parse(file)) {
                        assertThat(KubernetesManifestsTests.names(base))
                                .as("%s patches an object of the base", m.where())
                                .contains(m.object().getKind() + "/" + m.object().getMetadata().getName());
                    }
                }
            }
        }
    }

    private static boolean matches(String selector, HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (labels == null || !kv[1].equals(labels.get(kv[0]))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Quantity> quantities(JsonNode node) {
        Map<String, Quantity> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), new Quantity(e.getValue().asText())));
        return map;
    }
}
