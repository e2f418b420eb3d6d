package org.fundrbolt.tickets.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With a key set whose keys have ids (the JWKS of production's OIDC provider), a token's {@code kid} must name one
 * of them: a token signed by the right key under another kid is refused.
 */
@QuarkusTest
@TestProfile(KeyIdTests.KeySetWithIds.class)
class KeyIdTests {

    static final String KEY_ID = "gateway-test-key-1";

    /** The development public key, published as a one-key JWKS with a key id. */
    public static class KeySetWithIds implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                String base64 = Files.readString(EdgeTokens.DEV_KEYS.resolve("jwt-dev-public.pem"))
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                PublicKey key = KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
                jwk.setKeyId(KEY_ID);
                jwk.setAlgorithm("RS256");
                Path file = Files.createTempFile("gateway-jwks", ".json");
                Files.writeString(file, new JsonWebKeySet(jwk).toJson());
                file.toFile().deleteOnExit();
                return Map.of("mp.jwt.verify.publickey.location", file.toUri().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String donorToken(String keyId) {
        return EdgeTokens.sign(EdgeTokens.donorClaims(UUID.randomUUID().toString()), keyId);
    }

    @Test
    void refusesAKeyIdThatNamesNoKeyOfTheSet() {
        given().auth().oauth2(donorToken("someone-elses-key")).get("/api/v1/me/tickets").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
    }

    @Test
    void acceptsTheKeyIdOfTheSet() {
        // 503: accepted, then forwarded to a service that is down in tests
        given().auth().oauth2(donorToken(KEY_ID)).get("/api/v1/me/tickets").then().statusCode(503);
    }
}
