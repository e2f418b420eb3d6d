package org.fundrbolt.tickets.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Operations;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EdgeTests {

    private final UUID event = UUID.randomUUID();

    private String adminPackages() {
        return "/api/v1/admin/events/" + event + "/tickets/packages";
    }

    @Test
    void isReadyWithRedis() {
        given().get(Operations.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void sendsBrowserSecurityHeadersOnEveryAnswer() {
        for (String path : new String[]{adminPackages(), "/api/v1/nothing-here", "/images/none.png", "/admin/",
                "/checkout/" + event, "/docs", "/.env"}) {
            given().get(path).then().header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer")).header("X-Frame-Options", equalTo("DENY"))
                    .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
                    .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void givesTheWebUiAPolicyOfItsOwnFilesOnly() {
        given().get("/checkout/" + event).then().header("Content-Security-Policy", equalTo("default-src 'self'; "
                + "script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'"));
        given().get(adminPackages()).then().header("Content-Security-Policy",
                equalTo("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"));
    }

    @Test
    void allowsTheDocsPageItsOneInlineScriptByHash() throws Exception {
        String page = given().get("/docs").then().statusCode(200).extract().asString();
        java.util.regex.Matcher inline = java.util.regex.Pattern.compile("<script>(.*?)</script>").matcher(page);
        assertThat(inline.find()).isTrue();
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(inline.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(inline.find()).as("one inline script").isFalse();
        given().get("/docs").then().header("Content-Security-Policy",
                org.hamcrest.Matchers.containsString("script-src 'self' 'sha256-" + hash + "';"));
    }

    @Test
    void labelsMetricsByRouteTemplateNeverByIdOrCode() {
        given().auth().oauth2(Tokens.donor(UUID.randomUUID()))
                .get("/api/v1/events/" + event + "/promo-codes/SECRET20/validate?package_id=" + UUID.randomUUID());
        String metrics = given().get(Operations.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("SECRET20").doesNotContain(event.toString())
                .contains("uri=\"/api/v1/events/{event_id}/promo-codes/{code}/validate\"");
    }

    @Test
    void servesNoOperationsOnThePublicPort() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/metrics", "/q/health/live"}) {
            given().get(path).then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("not_found"));
        }
        given().get(Operations.url("/q/metrics")).then().statusCode(200);
    }

    @Test
    void refusesAdminPathWithoutToken() {
        given().get(adminPackages()).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated")).header("X-Request-Id", notNullValue());
    }

    @Test
    void refusesAdminPathWithGarbageToken() {
        given().auth().oauth2("not.a.jwt").get(adminPackages()).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void refusesAdminPathToDonor() {
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get(adminPackages()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCoordinatorOfAnotherEvent() {
        given().auth().oauth2(Tokens.coordinator(UUID.randomUUID())).get(adminPackages()).then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void refusesCheckoutToCoordinator() {
        given().auth().oauth2(Tokens.coordinator(event)).contentType("application/json").body("{}")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void neverRoutesInternalPaths() {
        given().auth().oauth2(Tokens.superAdmin()).post("/internal/v1/redemptions").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
    }

    @Test
    void answersUnknownApiPath() {
        given().get("/api/v1/unknown").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void answersServiceDownWith503Problem() {
        given().auth().oauth2(Tokens.coordinator(event)).get(adminPackages()).then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("dependency_unavailable"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void limitsCheckoutPerDonorWithRetryAfter() {
        String donor = Tokens.donor(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(donor).contentType("application/json").body("{}")
                    .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(503);
        }
        given().auth().oauth2(donor).contentType("application/json").body("{}")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
        // another donor has a budget of their own
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json").body("{}")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(503);
    }

    @Test
    void limitsAnonymousRequestsPerClientButNotStaticPaths() {
        String client = "203.0.113." + (int) (Math.random() * 250);
        int limited = 0;
        for (int i = 0; i < 25; i++) {
            int status = given().header("X-Forwarded-For", client).get("/api/v1/events/" + event + "/tickets/packages")
                    .statusCode();
            if (status == 429) {
                limited++;
            }
        }
        org.assertj.core.api.Assertions.assertThat(limited).isEqualTo(5);
        given().header("X-Forwarded-For", client).get("/docs").then().statusCode(200);
    }

    @Test
    void refusesOversizedBodiesBeforeForwarding() {
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        given().auth().oauth2(Tokens.coordinator(event)).contentType("application/json").body(big)
                .post(adminPackages()).then().statusCode(413).body("code", equalTo("payload_too_large"));
        byte[] image = new byte[6 * 1024 * 1024];
        given().auth().oauth2(Tokens.coordinator(event)).contentType("application/octet-stream").body(image)
                .post(adminPackages() + "/" + UUID.randomUUID() + "/image").then().statusCode(413)
                .body("code", equalTo("image_too_large"));
    }

    @Test
    void servesDocsAndAnOpenApiDocumentEvenWithServicesDown() {
        given().get("/docs").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
        given().get("/openapi.json").then().statusCode(200).body("info.title", equalTo("FundrBolt Tickets API"));
        given().get("/config.json").then().statusCode(200).body("oidc", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void echoesRequestId() {
        given().header("X-Request-Id", "trace-42").get("/api/v1/unknown").then()
                .header("X-Request-Id", equalTo("trace-42"));
    }
}
