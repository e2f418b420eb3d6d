package org.fundrbolt.tickets.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UiConfigRouteTest {

    @Test
    void publishesNullOidcWhenNoProviderIsConfigured() {
        assertEquals("{\"oidc\":null}", UiConfigRoute.uiConfig(Optional.empty(), Optional.empty()).encode());
    }

    @Test
    void publishesNullOidcWhenOnlyHalfTheProviderIsConfigured() {
        assertEquals("{\"oidc\":null}",
                UiConfigRoute.uiConfig(Optional.of("https://id.example"), Optional.empty()).encode());
        assertEquals("{\"oidc\":null}", UiConfigRoute.uiConfig(Optional.empty(), Optional.of("tickets-ui")).encode());
    }

    @Test
    void publishesIssuerAndClientIdOfTheProvider() {
        assertEquals("{\"oidc\":{\"issuer\":\"https://id.example\",\"client_id\":\"tickets-ui\"}}",
                UiConfigRoute.uiConfig(Optional.of("https://id.example"), Optional.of("tickets-ui")).encode());
    }
}
