package org.fundrbolt.tickets.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The drills' hands on the local stack: kill a process by its pid file, start it again through deploy/local/stack. */
final class StackControl {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "../.."));
    /** How many instances of every service the stack runs ({@code stack up --replicas N}). */
    static final int REPLICAS = Integer.getInteger("stack.replicas", 1);

    private StackControl() {
    }

    /** SIGKILL (crash) or SIGTERM (orderly stop) of a process the stack started. */
    static void kill(String name, boolean crash) {
        try {
            long pid = Long.parseLong(Files.readString(ROOT.resolve(".local/pids/" + name + ".pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException(name + " is not running"));
            if (crash) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + name, e);
        }
    }

    /** Every instance of a service: SERVICE, SERVICE-2 … (deploy/local/stack's names). */
    static List<String> instances(String service) {
        List<String> names = new ArrayList<>(List.of(service));
        for (int i = 2; i <= REPLICAS; i++) {
            names.add(service + "-" + i);
        }
        return names;
    }

    /** The whole service down: every instance killed (crash) or stopped. */
    static void killAll(String service, boolean crash) {
        instances(service).forEach(name -> kill(name, crash));
    }

    /** The management port of an instance (API port + 1000, + 100 for each instance after the first). */
    static int managementPort(int apiPort, int instance) {
        return apiPort + 1000 + 100 * (instance - 1);
    }

    /**
     * Starts (or restarts) every instance of a service, one after the other, each ready before the next stops (a
     * rolling restart; {@code SERVICE-i} for one instance), waiting until it is ready; extra environment as KEY=VALUE.
     */
    static void restart(String service, String... environment) {
        List<String> command = new ArrayList<>(
                List.of(ROOT.resolve("deploy/local/stack").toString(), "restart", service));
        command.addAll(List.of(environment));
        run(command);
    }

    /** Starts whatever infrastructure is down (Kafka after a drill stopped it). */
    static void infra() {
        run(List.of(ROOT.resolve("deploy/local/stack").toString(), "infra"));
    }

    static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve(".local/logs/drills.log").toFile()))
                    .start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see .local/logs/drills.log");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Freezes a service's outbox relay: its advisory lock (platform OutboxRelay.lockKey, named after the service)
     * held by another session of its database until the connection is closed.
     */
    static Connection freezeRelay(String service) throws SQLException {
        long key = UUID.nameUUIDFromBytes(("outbox-relay:" + service).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getMostSignificantBits();
        Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/"
                + service.replace("-service", ""), "postgres", "");
        connection.createStatement().execute("select pg_advisory_lock(" + key + ")");
        return connection;
    }

    /** One number from a service's own database (the drills verify what was written). */
    static long query(String database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
