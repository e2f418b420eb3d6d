package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class TokenRulesTest {

    private final TokenRules rules = new TokenRules(Duration.ofHours(24), Duration.ofSeconds(60));
    private final Instant now = Instant.parse("2026-11-24T10:15:30Z");
    private final long at = now.getEpochSecond();

    private static JsonWebToken token(Map<String, Object> claims) {
        return new JsonWebToken() {

            @Override
            public String getName() {
                return (String) claims.get("sub");
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    private Map<String, Object> claims(Object sub, Long iat, Long exp) {
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put("sub", sub);
        claims.put("iat", iat);
        claims.put("exp", exp);
        return claims;
    }

    @Test
    void acceptsAnOrdinaryToken() {
        assertThat(rules.refusal(token(claims(UUID.randomUUID().toString(), at - 60, at + 3600)), now)).isEmpty();
        assertThat(rules.refusal(token(claims(UUID.randomUUID().toString(), at + 60, at + 60 + 24 * 3600)), now))
                .isEmpty();
    }

    @Test
    void refusesIssuedAtBeyondTheSkew() {
        assertThat(rules.refusal(token(claims(UUID.randomUUID().toString(), at + 61, at + 3600)), now))
                .hasValueSatisfying(reason -> assertThat(reason).contains("future"));
    }

    @Test
    void refusesALifetimeOverTheMaximumAndMissingTimes() {
        assertThat(rules.refusal(token(claims(UUID.randomUUID().toString(), at, at + 24 * 3600 + 1)), now))
                .hasValueSatisfying(reason -> assertThat(reason).contains("24 h"));
        assertThat(rules.refusal(token(claims(UUID.randomUUID().toString(), null, at + 60)), now)).isPresent();
        assertThat(rules.refusal(token(claims(UUID.randomUUID().toString(), at, null)), now)).isPresent();
    }

    @Test
    void refusesASubjectThatIsNoUuid() {
        for (Object subject : new Object[]{null, "", "alice", "12345678-1234-1234-1234-1234567890123"}) {
            assertThat(rules.refusal(token(claims(subject, at, at + 60)), now)).as("sub %s", subject).isPresent();
        }
    }
}
