package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The key derivation that the manifest checks rely on: it must know real keys and refuse made-up ones. */
class ServiceConfigTests {

    @Test
    void derivesKeysFromConfigMappingInterfacesAndProperties() {
        assertThat(ServiceConfig.of("gateway").problemWith("GATEWAY_SERVICES_CATALOG_URL")).isEmpty();
        assertThat(ServiceConfig.of("gateway").problemWith("GATEWAY_RATE_LIMITS_CHECKOUT_PER_MINUTE")).isEmpty();
        assertThat(ServiceConfig.of("gateway").problemWith("GATEWAY_OIDC_CLIENT_ID")).isEmpty();
        assertThat(ServiceConfig.of("purchase-service").problemWith("PURCHASE_TICKET_SIGNING_PRIVATE_KEY_LOCATION"))
                .isEmpty();
        assertThat(ServiceConfig.of("purchase-service").problemWith("PURCHASE_TICKET_SIGNING_RETIRED_PUBLIC_KEYS"))
                .isEmpty();
        assertThat(ServiceConfig.of("purchase-service").problemWith("PURCHASE_PROMO_URL")).isEmpty();
        assertThat(ServiceConfig.of("purchase-service").problemWith("QUARKUS_MAILER_START_TLS")).isEmpty();
        assertThat(ServiceConfig.of("purchase-service").problemWith("PURCHASE_MAIL_REPLY_TO")).isEmpty();
        assertThat(ServiceConfig.of("media-service").problemWith("MEDIA_STORAGE_CONNECTION_STRING")).isEmpty();
        assertThat(ServiceConfig.of("media-service").problemWith("MEDIA_STORAGE_CONTAINER")).isEmpty();
        assertThat(ServiceConfig.of("promo-service").problemWith("PROMO_GUESS_LIMIT_MAX_FAILURES")).isEmpty();
        // referenced by an expression: quarkus.rest-client.purchase.url=${CATALOG_PURCHASE_URL:...}
        assertThat(ServiceConfig.of("catalog-service").problemWith("CATALOG_PURCHASE_URL")).isEmpty();
        assertThat(ServiceConfig.of("catalog-service").problemWith("CATALOG_SALES_CACHE_TTL")).isEmpty();
    }

    @Test
    void refusesKeysAServiceDoesNotHave() {
        assertThat(ServiceConfig.of("gateway").problemWith("GATEWAY_SERVICES_CATALOG_ULR")).isPresent();
        assertThat(ServiceConfig.of("catalog-service").problemWith("PURCHASE_PROMO_URL")).isPresent();
        assertThat(ServiceConfig.of("purchase-service").problemWith("QUARKUS_REDIS_HOSTS")).as("no Redis in purchase")
                .isPresent();
        assertThat(ServiceConfig.of("gateway").problemWith("KAFKA_BOOTSTRAP_SERVERS")).as("no Kafka in the gateway")
                .isPresent();
        assertThat(ServiceConfig.of("catalog-service").problemWith("QUARKUS_MAILER_HOST")).as("no mail from catalog")
                .isPresent();
        assertThat(ServiceConfig.of("gateway").problemWith("QUARKUS_DATASOURCE_PASSWORD"))
                .as("no database in the gateway").isPresent();
        assertThat(ServiceConfig.of("media-service").problemWith("MEDIA_STORAGE_CONNECTIONSTRING")).isPresent();
    }

    @Test
    void namesEnvironmentVariablesTheMicroProfileWay() {
        assertThat(ServiceConfig.envName("quarkus.datasource.reactive.url"))
                .isEqualTo("QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(ServiceConfig.envName("gateway.services.catalog-url")).isEqualTo("GATEWAY_SERVICES_CATALOG_URL");
        assertThat(ServiceConfig.kebab("promoValidatePerMinute")).isEqualTo("promo-validate-per-minute");
    }

    @Test
    void flagsLiteralSecrets() {
        assertThat(Secrets.literalProblem("QUARKUS_DATASOURCE_PASSWORD", "postgres")).isPresent();
        assertThat(Secrets.literalProblem("MEDIA_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https"))
                .isPresent();
        assertThat(Secrets.literalProblem("PURCHASE_TICKET_SIGNING_PRIVATE_KEY_LOCATION",
                "/secrets/ticket-signing/private.pem")).isEmpty();
        assertThat(
                Secrets.literalProblem("PURCHASE_TICKET_SIGNING_PRIVATE_KEY_LOCATION", "-----BEGIN PRIVATE KEY-----"))
                .isPresent();
        assertThat(Secrets.literalProblem("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "https://auth.example.org/certs"))
                .isEmpty();
        assertThat(Secrets.literalProblem("QUARKUS_HTTP_PORT", "8080")).isEmpty();
    }
}
