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

    RateLimits rateLimits();

    /** Sign-in of the web UI: the OIDC provider of production (a public client, code + PKCE). */
    Oidc oidc();

    /** OIDC settings published to the web UI at /config.json; absent locally (paste-token sign-in). */
    interface Oidc {

        /** Issuer URL (env GATEWAY_OIDC_ISSUER). */
        java.util.Optional<String> issuer();

        /** Public client id (env GATEWAY_OIDC_CLIENT_ID). */
        java.util.Optional<String> clientId();
    }

    /** The Content-Security-Policy of the web UI (SecurityHeaders). */
    Csp csp();

    /** What the web UI's pages may load beyond the gateway's own origin. */
    interface Csp {

        /**
         * Origins the UI may show images from besides the gateway (env GATEWAY_CSP_IMG_ORIGINS, comma-separated):
         * the CDN or public blob endpoint when media.public-base-url points there; a path is ignored.
         */
        java.util.Optional<java.util.List<String>> imgOrigins();
    }

    /** Strict-Transport-Security on every answer. */
    Hsts hsts();

    /** HSTS, for a gateway that browsers only reach over HTTPS (production). */
    interface Hsts {

        /** Send {@code Strict-Transport-Security: max-age=31536000; includeSubDomains} (env GATEWAY_HSTS_ENABLED). */
        @WithDefault("false")
        boolean enabled();
    }

    /** JSON bodies above this are refused with 413 payload_too_large (API.md). */
    @WithDefault("1048576")
    long maxJsonBytes();

    /** Image uploads above this (file plus multipart framing) are refused with 413 image_too_large. */
    @WithDefault("5308416")
    long maxImageUploadBytes();

    /**
     * Request URIs longer than this are refused with 414 uri_too_long as problem+json; the HTTP decoder's own limit
     * ({@code quarkus.http.limits.max-initial-line-length}) stays above it as the hard stop.
     */
    @WithDefault("4096")
    int maxUriLength();

    /**
     * Header blocks larger than this (names, values and framing) are refused with 431 headers_too_large as
     * problem+json; the decoder's {@code quarkus.http.limits.max-header-size} stays above it as the hard stop.
     */
    @WithDefault("20480")
    int maxHeaderBytes();

    /** Rules for bearer tokens beyond signature, issuer, audience and expiry (API.md, Authentication). */
    Jwt jwt();

    /** What a verified token must also satisfy to be accepted at the edge. */
    interface Jwt {

        /** The longest lifetime ({@code exp - iat}) a token may have; tokens without iat or exp are refused. */
        @WithDefault("24h")
        Duration maxLifetime();

        /** How far in the future a token's {@code iat} may lie (clock skew between the issuer and the gateway). */
        @WithDefault("60s")
        Duration clockSkew();
    }

    /** Use the first X-Forwarded-For address as the client IP (only behind a trusted ingress). */
    @WithDefault("false")
    boolean trustForwardedFor();

    /**
     * Request limits of API.md, counted in Redis so they hold across replicas (per minute); while Redis is down,
     * each replica counts them alone.
     */
    interface RateLimits {

        @WithDefault("true")
        boolean enabled();

        /** API requests without a token, per client IP. */
        @WithDefault("600")
        int anonymousPerMinute();

        /** Checkout attempts per donor. */
        @WithDefault("30")
        int checkoutPerMinute();

        /** Promo validations per donor. */
        @WithDefault("60")
        int promoValidatePerMinute();

        /** How long one check may wait for Redis before this replica decides it alone, with the same limits. */
        @WithDefault("200ms")
        Duration redisTimeout();

        /** After Redis failed, how long this replica decides alone before it asks Redis again. */
        @WithDefault("1s")
        Duration redisBackoff();
    }

    /** Upstream base URLs: each one URL, or a comma-separated list of the service's instances, taken in turn. */
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
