package org.fundrbolt.tickets.gateway.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fundrbolt.tickets.gateway.config.GatewayConfig;

/**
 * What a token must satisfy at the edge besides what smallrye-jwt verifies (signature, {@code iss}, {@code aud},
 * {@code exp}, and a {@code kid} that names a key when the key set has key ids): an {@code iat} not in the future
 * beyond the clock skew, a lifetime ({@code exp - iat}) within the maximum, and a {@code sub} that is a UUID.
 */
@ApplicationScoped
public class TokenRules {

    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Duration maxLifetime;
    private final Duration clockSkew;

    @Inject
    public TokenRules(GatewayConfig config) {
        this(config.jwt().maxLifetime(), config.jwt().clockSkew());
    }

    TokenRules(Duration maxLifetime, Duration clockSkew) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
    }

    /** Why a verified token is still refused, written for its holder; empty when it is accepted. */
    public Optional<String> refusal(JsonWebToken token, Instant now) {
        Long issuedAt = seconds(token.getClaim("iat"));
        Long expiresAt = seconds(token.getClaim("exp"));
        if (issuedAt == null || expiresAt == null) {
            return Optional.of("The token must say when it was issued (iat) and when it expires (exp).");
        }
        if (issuedAt > now.plus(clockSkew).getEpochSecond()) {
            return Optional.of("The token is issued in the future (iat); check the issuer's clock.");
        }
        if (expiresAt - issuedAt > maxLifetime.toSeconds()) {
            return Optional.of("The token lives longer than the " + describe(maxLifetime) + " allowed (exp - iat).");
        }
        String subject = token.getSubject();
        if (subject == null || !UUID_TEXT.matcher(subject).matches()) {
            return Optional.of("The token's subject (sub) must be a user id (a UUID).");
        }
        return Optional.empty();
    }

    private static Long seconds(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        return null;
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
