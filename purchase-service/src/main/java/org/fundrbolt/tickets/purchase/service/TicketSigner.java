package org.fundrbolt.tickets.purchase.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs the QR token of a ticket (ticket id, event id, key id) with the configured ES256 key, and
 * publishes the public keys as a JWKS so that door scanners can verify tickets offline.
 * <p>
 * Every ticket is one ECDSA signature, the largest CPU cost of a sale. Java 17's own P-256 has no
 * precomputed multiples of the base point (about 1 ms a signature on a small machine); Bouncy Castle's
 * has, with a key in its own form about 0.15 ms. So signing uses Bouncy Castle; verifying stays on the JDK.
 */
@ApplicationScoped
public class TicketSigner {

    /** What a verified QR token says. */
    public record TicketClaims(UUID ticketId, UUID eventId) {
    }

    private static final Provider BOUNCY_CASTLE = bouncyCastle();

    private final String kid;
    private final PrivateKey privateKey;
    private final ProviderContext signing = new ProviderContext();
    private final Map<String, PublicKey> publicKeys = new LinkedHashMap<>();

    public TicketSigner(PurchaseConfig config) {
        this.kid = config.ticketSigning().kid();
        this.privateKey = (PrivateKey) readKey(config.ticketSigning().privateKeyLocation(), true);
        signing.getSuppliedKeyProviderContext().setSignatureProvider(BOUNCY_CASTLE.getName());
        publicKeys.put(kid, (PublicKey) readKey(config.ticketSigning().publicKeyLocation(), false));
        for (String retired : config.ticketSigning().retiredPublicKeys().orElse(List.of())) {
            String[] parts = retired.split("=", 2);
            publicKeys.put(parts[0].trim(), (PublicKey) readKey(parts[1].trim(), false));
        }
    }

    public String sign(UUID ticketId, UUID eventId) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("tid", ticketId.toString());
        claims.setClaim("eid", eventId.toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setProviderContext(signing);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a ticket", e);
        }
    }

    /** The claims of a genuine token, or null for anything forged, malformed or signed by an unknown key. */
    public TicketClaims verify(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new org.jose4j.jwa.AlgorithmConstraints(
                    org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(token);
            PublicKey key = publicKeys.get(jws.getKeyIdHeaderValue());
            if (key == null) {
                return null;
            }
            jws.setKey(key);
            if (!jws.verifySignature()) {
                return null;
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            return new TicketClaims(UUID.fromString(claims.getStringClaimValue("tid")),
                    UUID.fromString(claims.getStringClaimValue("eid")));
        } catch (Exception e) {
            return null;
        }
    }

    /** The JWKS of {@code GET /api/v1/tickets/signing-keys}. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        publicKeys.forEach((keyId, key) -> {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
                jwk.setKeyId(keyId);
                jwk.setUse("sig");
                jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
                keys.add(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        });
        return Map.of("keys", keys);
    }

    /** Registered once (lowest priority: only code that names it uses it). */
    private static synchronized Provider bouncyCastle() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null) {
            return registered;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }

    private static Object readKey(String location, boolean isPrivate) {
        try {
            String base64 = Files.readString(Path.of(location.replaceFirst("^file:", "")))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            KeyFactory factory = isPrivate ? KeyFactory.getInstance("EC", BOUNCY_CASTLE) : KeyFactory.getInstance("EC");
            return isPrivate
                    ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : factory.generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the ticket-signing key at " + location, e);
        }
    }
}
