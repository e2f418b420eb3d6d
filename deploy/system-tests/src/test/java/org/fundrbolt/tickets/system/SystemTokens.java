package org.fundrbolt.tickets.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/** Tokens signed with the development key pair that the local stack trusts. */
public final class SystemTokens {

    private static final PrivateKey KEY = readKey(Path.of(System.getProperty("dev.keys",
            "../local/dev-keys"), "jwt-dev-private.pem"));

    private SystemTokens() {
    }

    public static String coordinator(UUID... events) {
        return sign(UUID.randomUUID(), List.of("event_coordinator"),
                java.util.Arrays.stream(events).map(UUID::toString).toList(), 3600);
    }

    public static String donor(UUID donor) {
        return sign(donor, List.of("donor"), List.of(), 3600);
    }

    public static String sign(UUID subject, List<String> roles, List<String> events, long ttlSeconds) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("https://auth.fundrbolt.dev/local");
            claims.setAudience("fundrbolt-tickets");
            claims.setSubject(subject.toString());
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(ttlSeconds / 60f);
            claims.setStringListClaim("groups", roles);
            if (!events.isEmpty()) {
                claims.setStringListClaim("events", events);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(KEY);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development key " + pem, e);
        }
    }
}
