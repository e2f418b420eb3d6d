package org.fundrbolt.tickets.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Tokens signed with the development key whose claims and header the test sets one by one, including the ones a
 * token builder would fill in by itself ({@code iat}, {@code exp}).
 */
final class EdgeTokens {

    static final Path DEV_KEYS = Path
            .of(System.getenv().getOrDefault("FUNDRBOLT_DEV_KEYS", "../deploy/local/dev-keys"));

    private EdgeTokens() {
    }

    /** A donor token's claims as the platform issues them, valid for an hour from a minute ago. */
    static JwtClaims donorClaims(String subject) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(Tokens.ISSUER);
        claims.setAudience(Tokens.AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("iat", now - 60);
        claims.setClaim("exp", now + 3600);
        claims.setStringListClaim("groups", List.of("donor"));
        return claims;
    }

    static String sign(JwtClaims claims, String keyId) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            if (keyId != null) {
                jws.setKeyIdHeaderValue(keyId);
            }
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        String base64 = Files.readString(DEV_KEYS.resolve("jwt-dev-private.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
