package org.fundrbolt.tickets.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The Kubernetes objects under deploy/k8s, parsed into fabric8's typed model, with the file each came from. */
final class Manifests {

    static final String K8S = "deploy/k8s";

    record Manifest(Path file, HasMetadata object) {

        String where() {
            return Repo.relative(file) + " " + object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    private Manifests() {
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    /** A JSON 6902 patch file: a YAML list of operations, not a Kubernetes object. */
    static boolean isJsonPatch(Path file) {
        return Repo.yaml(file).isArray();
    }

    /** Every YAML document of {@code file}, split on document markers (comments kept out). */
    static List<String> documents(Path file) {
        List<String> documents = new ArrayList<>();
        for (String document : Repo.read(file).split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(l -> !l.isBlank() && !l.stripLeading().startsWith("#"))) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The objects of one file, typed (a Deployment is an apps/v1 Deployment; a KafkaTopic a generic resource). */
    static List<Manifest> parse(Path file) {
        List<Manifest> manifests = new ArrayList<>();
        for (String document : documents(file)) {
            KubernetesResource resource = Serialization.unmarshal(document);
            if (!(resource instanceof HasMetadata object)) {
                throw new AssertionError(
                        Repo.relative(file) + " holds a document that is not a Kubernetes object: " + resource);
            }
            manifests.add(new Manifest(file, object));
        }
        return manifests;
    }

    static List<Path> yamlFiles(String dir) {
        return Repo.files(dir, ".yaml", ".yml");
    }

    /** The complete objects of the base (the overlays hold only patches). */
    static List<Manifest> base() {
        List<Manifest> all = new ArrayList<>();
        for (Path file : yamlFiles(K8S + "/base")) {
            if (!isKustomization(file)) {
                all.addAll(parse(file));
            }
        }
        return all;
    }

    /** The strategic-merge patches of the overlays (partial objects, typed too). */
    static List<Manifest> overlayObjects() {
        List<Manifest> all = new ArrayList<>();
        for (Path file : yamlFiles(K8S + "/overlays")) {
            if (!isKustomization(file) && !isJsonPatch(file)) {
                all.addAll(parse(file));
            }
        }
        return all;
    }

    static <T extends HasMetadata> List<T> ofType(List<Manifest> manifests, Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<Manifest> manifests, Class<T> type, String name) {
        return ofType(manifests, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + K8S));
    }

    static Optional<ConfigMap> configMap(List<Manifest> manifests, String name) {
        return ofType(manifests, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
                .findFirst();
    }

    static JsonNode kustomization(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(Repo.relative(dir) + " has no kustomization.yaml");
        }
        return Repo.yaml(file);
    }
}
