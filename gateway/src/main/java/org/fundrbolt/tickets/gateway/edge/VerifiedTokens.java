package org.fundrbolt.tickets.gateway.edge;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Tokens this gateway has already verified, until they expire: a donor's checkout burst or a
 * coordinator's page of calls then costs one signature check, not one per request. Keyed by the
 * exact header value, so nothing unverified is ever trusted; bounded, and cleared when full.
 */
final class VerifiedTokens {

    private static final int MAX_ENTRIES = 20_000;

    private record Entry(SecurityIdentity identity, long expiresAtSecond) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    SecurityIdentity lookup(String authorization) {
        if (authorization == null) {
            return null;
        }
        Entry entry = entries.get(authorization);
        if (entry == null) {
            return null;
        }
        if (Instant.now().getEpochSecond() >= entry.expiresAtSecond()) {
            entries.remove(authorization, entry);
            return null;
        }
        return entry.identity();
    }

    void remember(String authorization, SecurityIdentity identity) {
        if (authorization == null || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getExpirationTime() <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(authorization, new Entry(identity, token.getExpirationTime()));
    }
}
