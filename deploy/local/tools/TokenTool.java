import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Mints one RS256 JWT signed with the DEVELOPMENT key pair that the local services trust.
 * Usage: TokenTool KEY_DIR --sub UUID --roles r1,r2 [--events e1,e2] [--ttl SECONDS]
 *        TokenTool KEY_DIR --count N --roles r1,r2 [...]   N tokens, one per line, each for a random subject
 *        (the benchmark's many donors).
 */
public class TokenTool {

    public static void main(String[] args) throws Exception {
        Path keyDir = Path.of(args[0]);
        String sub = null;
        String roles = null;
        String events = null;
        long ttl = 3600;
        int count = 0;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--sub" -> { sub = value; i++; }
                case "--roles" -> { roles = value; i++; }
                case "--events" -> { events = value; i++; }
                case "--ttl" -> { ttl = Long.parseLong(value); i++; }
                case "--count" -> { count = Integer.parseInt(value); i++; }
                default -> fail("unknown option " + args[i]);
            }
        }
        if ((sub == null && count < 1) || roles == null) {
            fail("usage: stack token (--sub UUID | --count N) --roles r1,r2 [--events e1,e2] [--ttl SECONDS]");
        }
        PrivateKey key = readPrivateKey(keyDir.resolve("jwt-dev-private.pem"));
        if (count > 0) {
            for (int i = 0; i < count; i++) {
                System.out.println(mint(key, UUID.randomUUID().toString(), roles, events, ttl));
            }
            return;
        }
        UUID.fromString(sub);
        System.out.println(mint(key, sub, roles, events, ttl));
    }

    private static String mint(PrivateKey key, String sub, String roles, String events, long ttl) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(System.getenv().getOrDefault("FUNDRBOLT_JWT_ISSUER", "https://auth.fundrbolt.dev/local"));
        claims.setAudience(System.getenv().getOrDefault("FUNDRBOLT_JWT_AUDIENCE", "fundrbolt-tickets"));
        claims.setSubject(sub);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttl / 60f);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", split(roles));
        if (events != null && !events.isBlank()) {
            List<String> eventIds = split(events);
            eventIds.forEach(UUID::fromString);
            claims.setStringListClaim("events", eventIds);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue("dev-jwt-1");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static PrivateKey readPrivateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
