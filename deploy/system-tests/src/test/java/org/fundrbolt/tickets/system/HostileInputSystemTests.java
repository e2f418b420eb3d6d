package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Hostile input and access through the gateway (drills, short form): generated bad bodies,
 * parameters and headers against every endpoint of API.md must never produce a 5xx and always
 * answer problem+json; forged, expired and mis-scoped tokens are refused.
 */
class HostileInputSystemTests {

    static final String GATEWAY = StackReadyTests.GATEWAY;
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    private static final List<String> BAD_BODIES = List.of(
            "", "{", "[]", "null", "42", "\"text\"", "{\"name\":", "{\"name\":\"a\",\"name\":\"b\"}",
            "{\"price\":\"12\"}", "{\"price\":12.345}", "{\"quantity\":1.5}", "{\"quantity\":-1}",
            "{\"quantity\":1e309}", "{\"name\":null,\"price\":null}", "{\"unknown\":true}",
            "{\"package_id\":\"not-a-uuid\",\"quantity\":1}", "{\"package_ids\":{\"a\":1}}",
            "{\"name\":\"" + "x".repeat(5000) + "\",\"price\":1}", "{\"name\":\"\\u0000\\ud800\",\"price\":1}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2001),
            "{\"code\":\"' OR 1=1 --\",\"discount_type\":\"percentage\",\"discount_value\":10}",
            "{\"option_responses\":[{\"option_id\":\"" + UUID.randomUUID() + "\",\"value\":{\"$ne\":1}}]}",
            "{\"option_responses\":[null],\"package_id\":\"" + UUID.randomUUID() + "\",\"quantity\":1}",
            "{\"name\":\"a\",\"price\":1,\"display_order\":2147483648}",
            "{\"code\":\"FAR\",\"discount_type\":\"percentage\",\"discount_value\":1,"
                    + "\"expires_at\":\"+999999999-12-31T23:59:59Z\"}",
            // the sales rules (API.md, "Sales rules")
            "{\"name\":\"a\",\"price\":1,\"sales_start_at\":\"+999999999-12-31T23:59:59Z\"}",
            "{\"name\":\"a\",\"price\":1,\"sales_start_at\":1798761600,\"sales_end_at\":\"then\"}",
            "{\"name\":\"a\",\"price\":1,\"price_tiers\":[null,{\"label\":{},\"price\":\"x\",\"ends_at\":[]}]}",
            "{\"name\":\"a\",\"price\":1,\"price_tiers\":[" + "{\"label\":\"t\",\"price\":1,"
                    + "\"ends_at\":\"2030-01-01T00:00:00Z\"},".repeat(6) + "{}]}",
            "{\"name\":\"a\",\"price\":1,\"min_per_order\":2147483648,\"max_per_order\":-1,\"visibility\":[]}",
            "{\"code\":\"OPEN\",\"discount_type\":\"none\",\"discount_value\":\"abc\","
                    + "\"unlocks_package_ids\":[null,\"x\"]}",
            "{\"event_id\":\"" + UUID.randomUUID() + "\",\"donor_id\":null,\"code\":\"X\"}");

    private List<String[]> endpoints(String packageId) {
        String admin = "/api/v1/admin/events/" + event;
        return List.of(
                new String[]{"POST", admin + "/tickets/packages"},
                new String[]{"PATCH", admin + "/tickets/packages/" + packageId},
                new String[]{"POST", admin + "/tickets/packages/reorder"},
                new String[]{"POST", admin + "/tickets/packages/" + packageId + "/options"},
                new String[]{"POST", admin + "/promo-codes"},
                new String[]{"PATCH", admin + "/promo-codes/" + UUID.randomUUID()},
                new String[]{"POST", admin + "/tickets/check-in"},
                new String[]{"POST", "/api/v1/events/" + event + "/tickets/purchase"},
                new String[]{"PATCH", "/api/v1/me/tickets/" + UUID.randomUUID()},
                new String[]{"POST", admin + "/tickets/purchases"},
                new String[]{"POST", admin + "/tickets/purchases/" + UUID.randomUUID() + "/cancellations"},
                new String[]{"POST", admin + "/tickets/check-ins/batch"},
                new String[]{"POST", "/api/v1/me/tickets/purchases/" + UUID.randomUUID() + "/release"},
                new String[]{"POST", "/internal/v1/unlocks"});
    }

    @Test
    void neverAnswers5xxToGeneratedBadInput() {
        String packageId = given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("name", "Fuzz target", "price", 10)).post(GATEWAY + "/api/v1/admin/events/" + event
                        + "/tickets/packages")
                .then().statusCode(201).extract().path("id");
        String anyone = SystemTokens.sign(UUID.randomUUID(), List.of("donor", "event_coordinator"),
                List.of(event.toString()), 600);
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (String[] endpoint : endpoints(packageId)) {
            for (String body : BAD_BODIES) {
                Response response = given().auth().oauth2(anyone).contentType("application/json").body(body)
                        .request(endpoint[0], GATEWAY + endpoint[1]);
                tried++;
                check(endpoint[0] + " " + endpoint[1] + " <" + abbreviate(body) + ">", response, failures);
            }
        }
        Random random = new Random(42);
        for (String path : List.of("/api/v1/admin/events/%s/tickets/packages/%s",
                "/api/v1/admin/events/%s/promo-codes/%s",
                "/api/v1/events/%s/promo-codes/%s/validate", "/api/v1/me/tickets/%s/qr.png",
                "/api/v1/admin/events/%s/tickets/purchases?page=%s&size=-1", "/images/%s/%s/x.png",
                "/api/v1/events/%s/tickets/packages?code=%s")) {
            for (String weird : List.of("not-a-uuid", "%00", "..%2F..%2Fetc", "\u00e9\u00e9", "9".repeat(300),
                    Integer.toString(random.nextInt()))) {
                String url = GATEWAY + String.format(path, path.startsWith("/api/v1/me") ? weird : event, weird);
                Response response = given().auth().oauth2(anyone).urlEncodingEnabled(false).get(url);
                tried++;
                check("GET " + url, response, failures);
            }
        }
        Response wrongType = given().auth().oauth2(anyone).contentType("text/plain").body("name=x")
                .post(GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages");
        tried++;
        check("text/plain write", wrongType, failures);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        Reliability.record("fuzz", Map.of("requests_tried", tried, "failures", failures.size()));
        assertThat(failures).as(tried + " requests tried").isEmpty();
    }

    private static void check(String what, Response response, List<String> failures) {
        int status = response.statusCode();
        String type = response.contentType() == null ? "" : response.contentType();
        if (status >= 500 || (status >= 400 && !type.startsWith("application/problem+json"))) {
            failures.add(what + " -> " + status + " " + type + " " + abbreviate(response.asString()));
        }
    }

    @Test
    void refusesForgedExpiredAndMisScopedTokens() throws Exception {
        String path = GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages";
        String valid = SystemTokens.coordinator(event);
        given().auth().oauth2(valid).get(path).then().statusCode(200);

        String[] parts = valid.split("\\.");
        String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        given().auth().oauth2(noneHeader + "." + parts[1] + ".").get(path).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));

        JwtClaims tampered = JwtClaims
                .parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        tampered.setStringListClaim("groups", "super_admin");
        given().auth().oauth2(parts[0] + "." + b64(tampered.toJson()) + "." + parts[2]).get(path).then()
                .statusCode(401);

        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        JsonWebSignature wrongKey = new JsonWebSignature();
        wrongKey.setPayload(
                JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).toJson());
        wrongKey.setKey(otherKey.generateKeyPair().getPrivate());
        wrongKey.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        given().auth().oauth2(wrongKey.getCompactSerialization()).get(path).then().statusCode(401);

        given().auth()
                .oauth2(SystemTokens.sign(UUID.randomUUID(), List.of("event_coordinator"), List.of(event.toString()),
                        -120))
                .get(path).then().statusCode(401);
        given().auth().oauth2(SystemTokens.coordinator(UUID.randomUUID())).get(path).then().statusCode(403)
                .body("code", equalTo("forbidden"));
        given().auth().oauth2(SystemTokens.donor(UUID.randomUUID())).get(path).then().statusCode(403);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get(path).then().statusCode(401);
        // the services check again: a call that reaches them directly is judged by the same rules
        given().auth().oauth2(SystemTokens.coordinator(UUID.randomUUID()))
                .get("http://127.0.0.1:8081/api/v1/admin/events/" + event + "/tickets/packages").then().statusCode(403);
        given().auth().oauth2(noneHeader + "." + parts[1] + ".")
                .get("http://127.0.0.1:8083/api/v1/admin/events/" + event + "/tickets/purchases").then()
                .statusCode(401);
    }

    @Test
    void rateLimitsPromoCodeGuessing() {
        UUID donor = UUID.randomUUID();
        String token = SystemTokens.donor(donor);
        int limited = 0;
        for (int i = 0; i < 25; i++) {
            Response response = given().auth().oauth2(token)
                    .get(GATEWAY + "/api/v1/events/" + event + "/promo-codes/GUESS" + i + "/validate");
            assertThat(response.statusCode()).isIn(404, 429);
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(limited).as("guesses refused after 20 failures").isGreaterThanOrEqualTo(5);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
