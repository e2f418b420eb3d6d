package org.fundrbolt.tickets.platform.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/** Mints tokens signed with the development key, shaped like the platform's (API.md, Authentication). */
public final class Tokens {

    public static final String ISSUER = "https://auth.fundrbolt.dev/local";
    public static final String AUDIENCE = "fundrbolt-tickets";

    private Tokens() {
    }

    public static String coordinator(UUID... events) {
        return token(UUID.randomUUID(), Set.of("event_coordinator"),
                Arrays.stream(events).map(UUID::toString).toList());
    }

    public static String superAdmin() {
        return token(UUID.randomUUID(), Set.of("super_admin"), List.of());
    }

    public static String donor(UUID donorId) {
        return token(donorId, Set.of("donor"), List.of());
    }

    public static String token(UUID subject, Set<String> roles, List<String> events) {
        return token(subject, roles, events, 3600);
    }

    /** A token valid for {@code ttlSeconds} from now (negative: already expired). */
    public static String token(UUID subject, Set<String> roles, List<String> events, long ttlSeconds) {
        long now = java.time.Instant.now().getEpochSecond();
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject.toString()).groups(roles)
                .issuedAt(now - Math.max(0, -ttlSeconds) - 60).expiresAt(now + ttlSeconds);
        if (!events.isEmpty()) {
            builder.claim("events", events);
        }
        return builder.sign();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
