package org.fundrbolt.tickets.platform.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/** The service's management interface in tests, where {@code /q/health} and {@code /q/metrics} live. */
public final class Operations {

    private Operations() {
    }

    /** The full URL of {@code path} on the management test port ({@code quarkus.management.test-port}). */
    public static String url(String path) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
        return "http://localhost:" + port + path;
    }
}
