package org.fundrbolt.tickets.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the gateway (keys under {@code gateway.}). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Where each service listens (env GATEWAY_SERVICES_CATALOG_URL …). */
    Services services();

    /** How long a proxied call may take before the gateway answers 503 (SSE streams are exempt). */
    @WithDefault("30s")
    Duration upstreamTimeout();

    /** How long to wait for a connection to a service before answering 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Upstream base URLs. */
    interface Services {
        @WithDefault("http://127.0.0.1:8081")
        String catalogUrl();

        @WithDefault("http://127.0.0.1:8082")
        String promoUrl();

        @WithDefault("http://127.0.0.1:8083")
        String purchaseUrl();

        @WithDefault("http://127.0.0.1:8084")
        String mediaUrl();
    }
}
