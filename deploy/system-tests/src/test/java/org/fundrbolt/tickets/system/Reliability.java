package org.fundrbolt.tickets.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Figures of the drills (requests tried, faults survived, rows checked), collected for RELIABILITY.md. */
final class Reliability {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reliability() {
    }

    static synchronized void record(String drill, Map<String, ?> figures) {
        Path dir = Path.of(System.getProperty("drill.results", "target/drills"));
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(drill + ".json").toFile(),
                    new TreeMap<>(figures));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
