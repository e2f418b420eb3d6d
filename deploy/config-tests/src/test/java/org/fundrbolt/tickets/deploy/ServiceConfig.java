package org.fundrbolt.tickets.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys one service really reads, derived from its own files: application.properties
 * (every profile), the {@code @ConfigMapping} interfaces and {@code @ConfigProperty} names under src/main/java,
 * and the variables that property expressions reference ({@code ${CATALOG_PURCHASE_URL:...}}).
 * An environment variable is accepted when it is the MicroProfile name of such a key, or belongs to a
 * well-known Quarkus / MicroProfile / Kafka / JVM family that the service actually uses.
 */
final class ServiceConfig {

    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::[^}]*)?}");
    private static final Pattern CONFIG_PROPERTY = Pattern
            .compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern
            .compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "(?:@WithName\\(\"([^\"]+)\"\\)\\s*)?(?:@\\w+(?:\\([^)]*\\))?\\s*)*([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");

    private static final Map<String, ServiceConfig> CACHE = new HashMap<>();

    final String service;
    /** Dotted keys (profiles stripped). */
    final Set<String> keys = new TreeSet<>();
    /** Names referenced by property expressions, as written. */
    final Set<String> referenced = new TreeSet<>();

    private ServiceConfig(String service) {
        this.service = service;
        Path properties = Repo.path(service + "/src/main/resources/application.properties");
        for (String raw : Repo.read(properties).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            keys.add(PROFILE.matcher(line.substring(0, eq).strip()).replaceFirst(""));
            Matcher m = EXPRESSION.matcher(line.substring(eq + 1));
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        for (Path java : Repo.files(service + "/src/main/java", ".java")) {
            String source = Repo.read(java);
            Matcher property = CONFIG_PROPERTY.matcher(source);
            while (property.find()) {
                keys.add(property.group(1));
            }
            Matcher mapping = CONFIG_MAPPING.matcher(source);
            if (mapping.find()) {
                keys.addAll(mappingKeys(mapping.group(1), source));
            }
        }
    }

    static ServiceConfig of(String service) {
        return CACHE.computeIfAbsent(service, ServiceConfig::new);
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics to '_', upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    boolean has(String key) {
        return keys.contains(key);
    }

    boolean usesDatasource() {
        return has("quarkus.datasource.db-kind");
    }

    boolean usesRedis() {
        return has("quarkus.redis.hosts");
    }

    boolean usesKafka() {
        return has("kafka.bootstrap.servers");
    }

    boolean usesMailer() {
        return keys.stream().anyMatch(k -> k.startsWith("quarkus.mailer."));
    }

    boolean usesJwt() {
        return keys.stream().anyMatch(k -> k.startsWith("mp.jwt."));
    }

    /** Empty when the service reads {@code env}; otherwise why it does not. */
    Optional<String> problemWith(String env) {
        Set<String> exact = new TreeSet<>();
        keys.forEach(k -> exact.add(envName(k)));
        referenced.forEach(r -> exact.add(envName(r)));
        if (exact.contains(env)) {
            return Optional.empty();
        }
        if (env.startsWith("QUARKUS_DATASOURCE_") || env.startsWith("QUARKUS_FLYWAY_")
                || env.startsWith("QUARKUS_HIBERNATE_")) {
            return usesDatasource()
                    ? Optional.empty()
                    : Optional.of(service + " has no datasource, so it never reads " + env);
        }
        if (env.startsWith("QUARKUS_REDIS_")) {
            return usesRedis()
                    ? Optional.empty()
                    : Optional.of(service + " does not use Redis, so it never reads " + env);
        }
        if (env.startsWith("KAFKA_") || env.startsWith("MP_MESSAGING_")) {
            return usesKafka()
                    ? Optional.empty()
                    : Optional.of(service + " does not use Kafka, so it never reads " + env);
        }
        if (env.startsWith("QUARKUS_MAILER_")) {
            return usesMailer()
                    ? Optional.empty()
                    : Optional.of(service + " sends no mail, so it never reads " + env);
        }
        if (env.startsWith("MP_JWT_") || env.startsWith("SMALLRYE_JWT_")) {
            return usesJwt()
                    ? Optional.empty()
                    : Optional.of(service + " does not check JWTs, so it never reads " + env);
        }
        if (env.startsWith("QUARKUS_") || env.startsWith("SMALLRYE_") || env.equals("JAVA_OPTS")
                || env.equals("JAVA_OPTS_APPEND") || env.equals("JAVA_TOOL_OPTIONS")
                || env.equals("JAVA_MAX_RAM_RATIO")) {
            return Optional.empty();
        }
        return Optional.of(env + " is not a configuration key of " + service
                + " (not in its application.properties, @ConfigMapping or @ConfigProperty)");
    }

    /** The keys of a {@code @ConfigMapping} interface file: prefix + kebab-case method paths, nested groups followed. */
    static Set<String> mappingKeys(String prefix, String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher m = INTERFACE.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            int close = matchingBrace(code, open);
            bodies.put(m.group(1), ownMembers(code.substring(open + 1, close)));
        }
        String top = bodies.keySet().iterator().next();
        Set<String> keys = new TreeSet<>();
        collect(prefix, top, bodies, keys, new ArrayList<>());
        return keys;
    }

    private static void collect(String path, String type, Map<String, String> bodies, Set<String> keys,
            List<String> seen) {
        if (seen.contains(type)) {
            return;
        }
        seen.add(type);
        Matcher method = METHOD.matcher(bodies.get(type));
        while (method.find()) {
            String name = method.group(1) != null ? method.group(1) : kebab(method.group(3));
            String returned = method.group(2).replaceAll("^(?:java\\.util\\.)?Optional<(.*)>$", "$1");
            String key = path + "." + name;
            if (bodies.containsKey(returned)) {
                collect(key, returned, bodies, keys, seen);
            } else {
                keys.add(key);
            }
        }
        seen.remove(type);
    }

    /** The body with nested interface bodies cut out, so that only this interface's own methods remain. */
    private static String ownMembers(String body) {
        StringBuilder own = new StringBuilder();
        Matcher nested = INTERFACE.matcher(body);
        int from = 0;
        while (nested.find(from)) {
            own.append(body, from, nested.start());
            from = matchingBrace(body, nested.end() - 1) + 1;
        }
        own.append(body.substring(from));
        return own.toString();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
