package org.fundrbolt.tickets.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The repository on disk, as the deployment files see it: root, services, their ports and files. */
final class Repo {

    /** The five services, by artifactId (= folder = Kubernetes name = image name), with their HTTP port. */
    static final Map<String, Integer> PORTS = Map.of(
            "gateway", 8080, "catalog-service", 8081, "promo-service", 8082,
            "purchase-service", 8083, "media-service", 8084);

    static final List<String> SERVICES = List.of(
            "gateway", "catalog-service", "promo-service", "purchase-service", "media-service");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    private static Path findRoot() {
        // Surefire passes repo.root (module dir/../..); an IDE run starts in the module or the root.
        String configured = System.getProperty("repo.root");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Paths.get(configured));
        }
        Path here = Paths.get("").toAbsolutePath();
        candidates.add(here.resolve("../.."));
        candidates.add(here);
        for (Path candidate : candidates) {
            Path pom = candidate.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<artifactId>fundrbolt-tickets-parent</artifactId>")
                    && Files.isDirectory(candidate.resolve("deploy"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + here);
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + ROOT.relativize(file), e);
        }
    }

    /** The project version of the parent POM (images are tagged with it). */
    static String projectVersion() {
        String fromMaven = System.getProperty("project.version");
        if (fromMaven != null && !fromMaven.isBlank()) {
            return fromMaven;
        }
        Matcher m = Pattern.compile("fundrbolt-tickets-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("no version in the parent pom.xml");
        }
        return m.group(1).trim();
    }

    /** The artifactId a service module declares in its own pom.xml (the name of its image). */
    static String artifactId(String service) {
        String pom = read(service + "/pom.xml");
        String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(withoutParent);
        if (!m.find()) {
            throw new IllegalStateException("no artifactId in " + service + "/pom.xml");
        }
        return m.group(1).trim();
    }

    static List<Path> files(String relativeDir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(path(relativeDir))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
