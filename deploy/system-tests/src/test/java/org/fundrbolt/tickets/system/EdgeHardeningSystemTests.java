package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Edge hardening through the gateway (issue 16): the edge's own refusals are problem+json with a stable code and no
 * Java names, odd path spellings never reach an admin route or /q, unknown non-API paths are 404, and the token
 * rules (iat skew, maximum lifetime, UUID sub) hold.
 */
class EdgeHardeningSystemTests {

    static final String GATEWAY = StackReadyTests.GATEWAY;
    private static final String JAVA_NAME = "(?s).*(\\b(java|javax|jakarta|com|org|io)\\.[a-z]+\\.|Exception|"
            + "\\bat [a-z]+(\\.[A-Za-z$]+)+\\().*";
    private final UUID event = UUID.randomUUID();
    private final String coordinator = SystemTokens.coordinator(event);

    /** One answer read off the wire: status, the head as text, the body. */
    record Raw(int status, String head, String body) {

        boolean isProblem(String code) {
            return head.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json")
                    && body.contains("\"code\":\"" + code + "\"") && !body.matches(JAVA_NAME);
        }
    }

    /** A request written byte for byte: HTTP clients would normalise these paths before sending them. */
    private static Raw raw(String method, String target, String... headers) {
        URI gateway = URI.create(GATEWAY);
        int port = gateway.getPort() < 0 ? 80 : gateway.getPort();
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(gateway.getHost()).append(':').append(port).append("\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(gateway.getHost(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            String answer = readAll(socket.getInputStream());
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, end < 0 ? "" : answer.substring(end + 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException closedEarly) {
            // a refusal may close the connection before the request was read
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank().doesNotMatch(JAVA_NAME);
    }

    @Test
    void neverReachesAdminRoutesOrOperationsThroughOddSpellings() {
        UUID other = UUID.randomUUID();
        String bearer = "Authorization: Bearer " + coordinator;
        for (String path : List.of("/images/../q/metrics", "/images/%2e%2e/q/metrics",
                "/images/x/%2E%2E/%2E%2E/q/health",
                "/api/v1/admin/events/" + event + "/tickets/packages/%2e%2e/%2e%2e/%2e%2e/" + other
                        + "/tickets/packages",
                "/api/v1/admin/events/" + event + "/%2e%2e/" + other + "/tickets/packages",
                "//api/v1/admin/events/" + other + "/tickets/packages",
                "/api/v1/admin/events/" + event + "/./tickets/packages",
                "/api/v1/admin/events/" + event + "%2ftickets%2fpackages",
                "/api/v1/admin/events/" + event + "/tickets%5cpackages")) {
            Raw answer = raw("GET", path, bearer);
            assertThat(answer.status()).as(path + "\n" + answer.head()).isEqualTo(400);
            assertThat(answer.isProblem("invalid_path")).as(path + "\n" + answer.body()).isTrue();
        }
        assertThat(raw("GET", "/q/metrics").isProblem("not_found")).isTrue();
    }

    @Test
    void answersUnknownNonApiPathsWith404AndServesTheUiOnlyUnderAdminAndCheckout() {
        for (String path : List.of("/.env", "/", "/wp-login.php", "/q", "/.git/config", "/index.html")) {
            assertProblem(given().get(GATEWAY + path), 404, "not_found");
        }
        assertThat(given().get(GATEWAY + "/admin/").then().extract().contentType()).contains("text/html");
        assertThat(given().get(GATEWAY + "/checkout/" + event).then().extract().contentType()).contains("text/html");
    }

    @Test
    void answersWrongMethodsOnStaticPathsWith405() {
        assertProblem(given().delete(GATEWAY + "/admin/"), 405, "method_not_allowed");
        assertProblem(given().post(GATEWAY + "/checkout/x"), 405, "method_not_allowed");
        assertProblem(given().put(GATEWAY + "/docs"), 405, "method_not_allowed");
    }

    @Test
    void answersTheEdgesOwnRefusalsAsProblems() {
        assertProblem(given().header("Origin", "https://evil.example")
                .get(GATEWAY + "/api/v1/events/" + event + "/tickets/packages"), 403, "forbidden");
        Raw longUri = raw("GET", "/api/v1/" + "a".repeat(5000));
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.isProblem("uri_too_long")).as(longUri.body()).isTrue();
        Raw bigHeaders = raw("GET", "/api/v1/events", "X-Big: " + "b".repeat(25_000));
        assertThat(bigHeaders.status()).isEqualTo(431);
        assertThat(bigHeaders.isProblem("headers_too_large")).as(bigHeaders.body()).isTrue();
        // a 6 MiB image upload: above the image limit and Quarkus' own body limit, which answered an empty 413
        Raw bigImage = raw("POST", "/api/v1/admin/events/" + event + "/tickets/packages/" + UUID.randomUUID()
                + "/image", "Authorization: Bearer " + coordinator, "Content-Type: application/octet-stream",
                "Content-Length: " + (6 * 1024 * 1024 + 100));
        assertThat(bigImage.status()).isEqualTo(413);
        assertThat(bigImage.isProblem("image_too_large")).as(bigImage.body()).isTrue();
        Raw bigJson = raw("POST", "/api/v1/admin/events/" + event + "/tickets/packages",
                "Authorization: Bearer " + coordinator, "Content-Type: application/json", "Content-Length: 7000000");
        assertThat(bigJson.status()).isEqualTo(413);
        assertThat(bigJson.isProblem("payload_too_large")).as(bigJson.body()).isTrue();
    }

    @Test
    void writesNoJavaNamesIntoProblemDetails() {
        String packages = GATEWAY + "/api/v1/admin/events/" + event + "/tickets/packages";
        for (String body : List.of("{\"name\":\"x\",\"price\":\"twelve\"}", "{\"name\":[1],\"price\":1}", "[1]",
                "{\"price\":", "[".repeat(5000) + "]".repeat(5000), "{\"name\":\"x\",\"price\":1e999999}")) {
            Response response = given().auth().oauth2(coordinator).contentType("application/json").body(body)
                    .post(packages);
            assertThat(response.statusCode()).as(body).isBetween(400, 499);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("detail")).as(body).doesNotMatch(JAVA_NAME);
        }
    }

    @Test
    void refusesTokensIssuedInTheFutureLivingTooLongOrNamingNoUser() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        List<JwtClaims> refused = List.of(
                claims(UUID.randomUUID().toString(), now + 600, now + 3600),
                claims(UUID.randomUUID().toString(), now - 60, now + 10L * 365 * 24 * 3600),
                claims(UUID.randomUUID().toString(), null, now + 3600),
                claims("", now - 60, now + 3600),
                claims("alice", now - 60, now + 3600));
        for (JwtClaims claims : refused) {
            assertProblem(given().auth().oauth2(sign(claims)).get(GATEWAY + "/api/v1/me/tickets/purchases"), 401,
                    "unauthenticated");
        }
        given().auth().oauth2(sign(claims(UUID.randomUUID().toString(), now + 30, now + 24 * 3600)))
                .get(GATEWAY + "/api/v1/me/tickets/purchases").then().statusCode(200);
        given().auth().oauth2(SystemTokens.donor(UUID.randomUUID())).get(GATEWAY + "/api/v1/me/tickets/purchases")
                .then()
                .statusCode(200);
    }

    private static JwtClaims claims(String subject, Long issuedAt, long expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://auth.fundrbolt.dev/local");
        claims.setAudience("fundrbolt-tickets");
        claims.setSubject(subject);
        if (issuedAt != null) {
            claims.setClaim("iat", issuedAt);
        }
        claims.setClaim("exp", expiresAt);
        claims.setStringListClaim("groups", List.of("donor"));
        return claims;
    }

    /** Signed with the development key, like SystemTokens, but with every claim as the test sets it. */
    private static String sign(JwtClaims claims) throws Exception {
        String pem = Files.readString(Path.of(System.getProperty("dev.keys", "../local/dev-keys"),
                "jwt-dev-private.pem"));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
