package org.fundrbolt.tickets.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.gateway.RawHttp.Answer;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;

/**
 * The edge's own refusals (issue 16): each is problem+json with a stable code and a detail free of Java names,
 * odd path spellings never reach a route, and verified tokens still meet the edge's token rules.
 */
@QuarkusTest
class EdgeHardeningTests {

    // A qualified Java name (java.lang., com.fasterxml.), an exception's name or a stack frame ("at org.x.Y(").
    private static final String JAVA_NAME = "(?s).*(\\b(java|javax|jakarta|com|org|io)\\.[a-z]+\\.|Exception|"
            + "\\bat [a-z]+(\\.[A-Za-z$]+)+\\().*";
    private final UUID event = UUID.randomUUID();

    private String adminPackages() {
        return "/api/v1/admin/events/" + event + "/tickets/packages";
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonObject body = new JsonObject(answer.body());
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getInteger("status")).isEqualTo(status);
        assertThat(body.getString("title")).isNotBlank();
        assertThat(body.getString("detail")).isNotBlank().doesNotMatch(JAVA_NAME);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code))
                .body("status", equalTo(status)).body("title", not(equalTo(null)))
                .body("detail", not(matchesPattern(JAVA_NAME)));
    }

    @Test
    void refusesOddPathSpellingsBeforeAuthorisingOrRouting() {
        String coordinator = "Authorization: Bearer " + Tokens.coordinator(event);
        for (String path : List.of("/images/../q/metrics", "/images/%2e%2e/q/metrics",
                "/images/x/%2E%2E/%2E%2E/q/health",
                "/api/v1/admin/events/" + event + "/tickets/packages/%2e%2e/%2e%2e/%2e%2e/" + UUID.randomUUID()
                        + "/tickets/packages",
                "//api/v1/admin/events/" + event + "/tickets/packages", "/api/v1/admin/events/" + event
                        + "/./tickets/packages",
                "/api/v1/admin/events/" + event + "%2ftickets%2fpackages", "/api/v1/admin/events/" + event
                        + "/tickets%5cpackages",
                "/api/v1/events/" + event + "/tickets/packages/..", "/admin/%2e%2e/q/metrics",
                "/api/v1/me/tickets/%00")) {
            assertProblem(RawHttp.send("GET", path, coordinator), 400, "invalid_path");
        }
        // the plain spelling still routes (to a service that is down in tests)
        assertThat(RawHttp.send("GET", adminPackages(), coordinator).status()).isEqualTo(503);
    }

    @Test
    void answersUnknownNonApiPathsWith404AndServesTheSpaOnlyUnderAdminAndCheckout() {
        for (String path : List.of("/.env", "/", "/index.html", "/wp-login.php", "/q", "/admin.php", "/checkouts")) {
            problem(given().get(path).then(), 404, "not_found");
        }
        problem(given().post("/.git/config").then(), 404, "not_found");
    }

    @Test
    void answersWrongMethodsOnStaticPathsWith405() {
        problem(given().delete("/admin/").then(), 405, "method_not_allowed").header("Allow", equalTo("GET, HEAD"));
        problem(given().post("/checkout/x").then(), 405, "method_not_allowed");
        problem(given().put("/docs").then(), 405, "method_not_allowed");
        problem(given().post("/config.json").then(), 405, "method_not_allowed");
        given().get("/docs").then().statusCode(200);
    }

    @Test
    void refusesForeignOriginsAsProblemButLetsTheConfiguredOneThrough() {
        problem(given().header("Origin", "https://evil.example").get("/api/v1/events/" + event + "/tickets/packages")
                .then(), 403, "forbidden");
        problem(given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/events/" + event + "/tickets/packages").then(), 403, "forbidden");
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/events/" + event + "/tickets/packages").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"));
        // the gateway's own origin (the SPA's writes) is no foreign origin
        given().header("Origin", "http://localhost:" + io.restassured.RestAssured.port).get("/docs").then()
                .statusCode(200);
    }

    @Test
    void answersOversizedUriHeadersAndBodiesAsProblems() {
        assertProblem(RawHttp.send("GET", "/api/v1/" + "a".repeat(5000)), 414, "uri_too_long");
        assertProblem(RawHttp.send("GET", "/api/v1/events", "X-Big: " + "b".repeat(25_000)), 431,
                "headers_too_large");
        // above Quarkus' own body limit (6M), which would answer an empty 413
        assertProblem(RawHttp.send("POST", adminPackages() + "/" + UUID.randomUUID() + "/image",
                "Authorization: Bearer " + Tokens.coordinator(event), "Content-Type: application/octet-stream",
                "Content-Length: 7000000"), 413, "image_too_large");
        assertProblem(RawHttp.send("POST", adminPackages(), "Content-Type: application/json",
                "Content-Length: 7000000"), 413, "payload_too_large");
        assertProblem(RawHttp.send("GET", "/docs", "Content-Length: 7000000"), 413, "payload_too_large");
    }

    @Test
    void refusesTokensIssuedInTheFutureOrLivingTooLong() {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims future = EdgeTokens.donorClaims(UUID.randomUUID().toString());
        future.setClaim("iat", now + 600);
        future.setClaim("exp", now + 3600);
        JwtClaims tenYears = EdgeTokens.donorClaims(UUID.randomUUID().toString());
        tenYears.setClaim("exp", now + 10L * 365 * 24 * 3600);
        JwtClaims noIssuedAt = EdgeTokens.donorClaims(UUID.randomUUID().toString());
        noIssuedAt.unsetClaim("iat");
        for (JwtClaims claims : List.of(future, tenYears, noIssuedAt)) {
            problem(given().auth().oauth2(EdgeTokens.sign(claims, null)).get("/api/v1/me/tickets").then(), 401,
                    "unauthenticated");
        }
        // a minute of skew and a full day are fine
        JwtClaims skewed = EdgeTokens.donorClaims(UUID.randomUUID().toString());
        skewed.setClaim("iat", now + 30);
        skewed.setClaim("exp", now + 24 * 3600);
        given().auth().oauth2(EdgeTokens.sign(skewed, null)).get("/api/v1/me/tickets").then().statusCode(503);
    }

    @Test
    void refusesTokensWhoseSubjectIsNoUserId() {
        for (String subject : List.of("", "alice", "not-a-uuid", UUID.randomUUID() + "x")) {
            problem(given().auth().oauth2(EdgeTokens.sign(EdgeTokens.donorClaims(subject), null))
                    .get("/api/v1/me/tickets").then(), 401, "unauthenticated");
        }
        given().auth().oauth2(EdgeTokens.sign(EdgeTokens.donorClaims(UUID.randomUUID().toString()), null))
                .get("/api/v1/me/tickets").then().statusCode(503);
    }

    @Test
    void stillAcceptsTheTestTokensOfThePlatform() {
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get("/api/v1/me/tickets").then().statusCode(503);
        given().auth().oauth2(Tokens.coordinator(event)).get(adminPackages()).then().statusCode(503);
    }

    @Test
    void answersFailuresBelowTheEdgeAsProblems() {
        problem(given().get("/assets/no-such-file.js").then(), 404, "not_found");
        problem(given().get("/api/v1/admin/events/" + event + "/nothing").then(), 404, "not_found");
    }
}
