package org.fundrbolt.tickets.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The browser security headers as production configures them (an image CDN, an OIDC issuer, HSTS): the web UI's
 * full policy, and images, CSV and PDF proxied from the services with nosniff and the gateway's headers only; the
 * services as several instances, one of them down.
 */
@QuarkusTest
@TestProfile(SecurityHeadersTests.Production.class)
class SecurityHeadersTests {

    /** The headers' configuration of production, with media-service and purchase-service faked. */
    public static class Production implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.csp.img-origins", "https://cdn.example.org,https://images.example.net/public",
                    "gateway.oidc.issuer", "https://auth.example.org/realms/fundrbolt",
                    "gateway.oidc.client-id", "fundrbolt-tickets-web", "gateway.hsts.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeUpstream.class));
        }
    }

    private final UUID event = UUID.randomUUID();

    private static void assertBrowserHeaders(Response answer) {
        assertThat(answer.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(answer.headers().getValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(answer.headers().getValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(answer.headers().getValues("Strict-Transport-Security"))
                .containsExactly("max-age=31536000; includeSubDomains");
    }

    @Test
    void givesTheWebUiPagesTheFullPolicyWithTheConfiguredOrigins() {
        for (String path : List.of("/admin/", "/admin/events/" + event + "/packages", "/checkout/" + event)) {
            Response answer = given().get(path);
            assertBrowserHeaders(answer);
            assertThat(answer.headers().getValues("Content-Security-Policy")).containsExactly(
                    "default-src 'self'; script-src 'self'; style-src 'self'; "
                            + "img-src 'self' data: blob: https://cdn.example.org https://images.example.net; "
                            + "connect-src 'self' https://auth.example.org; frame-ancestors 'none'; "
                            + "base-uri 'self'; object-src 'none'; form-action 'self'");
        }
    }

    @Test
    void sendsNosniffAndOnlyTheGatewaysHeadersOnProxiedImagesCsvAndPdf() {
        Map<String, Response> answers = Map.of(
                "image/png", given().get("/images/" + event + "/" + UUID.randomUUID() + "/" + UUID.randomUUID()
                        + ".png"),
                "text/csv", given().auth().oauth2(Tokens.coordinator(event))
                        .get("/api/v1/admin/events/" + event + "/tickets/purchases/export.csv"),
                "application/pdf", given().auth().oauth2(Tokens.donor(UUID.randomUUID()))
                        .get("/api/v1/me/tickets/purchases/" + UUID.randomUUID() + "/receipt.pdf"));
        answers.forEach((type, answer) -> {
            assertThat(answer.statusCode()).as(type).isEqualTo(200);
            assertThat(answer.contentType()).startsWith(type);
            assertBrowserHeaders(answer);
            assertThat(answer.headers().getValues("Content-Security-Policy"))
                    .containsExactly("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        });
    }

    /**
     * Each service's instances (a list of base URLs) are taken in turn, and the one that refuses connections costs
     * nobody an answer: every request is served, by both answering instances.
     */
    @Test
    void takesAServicesInstancesInTurnAndPassesOverOneThatIsDown() {
        java.util.Set<String> instances = new java.util.TreeSet<>();
        for (int i = 0; i < 9; i++) {
            Response answer = given().get("/images/" + event + "/" + UUID.randomUUID() + "/" + i + ".png");
            assertThat(answer.statusCode()).isEqualTo(200);
            instances.add(answer.header("X-Instance"));
        }
        assertThat(instances).containsExactly("a", "b");
    }
}
