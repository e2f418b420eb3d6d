package org.fundrbolt.tickets.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With Redis unreachable the limits still hold, counted by each gateway replica on its own: never a free pass. */
@QuarkusTest
@TestProfile(RateLimitWithoutRedisTests.RedisDown.class)
class RateLimitWithoutRedisTests {

    /** The limits of {@link RateLimitTests} and the production timeout, with Redis at a port where nothing listens. */
    public static class RedisDown extends RateLimitTests.ApiLimits {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.redis.hosts", "redis://127.0.0.1:1");
            overrides.put("gateway.rate-limits.redis-timeout", "200ms");
            return overrides;
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    MeterRegistry registry;

    private final UUID event = UUID.randomUUID();

    @Test
    void holdsTheCheckoutLimitWithoutRedis() throws Exception {
        String donor = Tokens.donor(UUID.randomUUID());
        List<Integer> statuses = Burst.fire(45, i -> Burst.to(gateway, "/api/v1/events/" + event + "/tickets/purchase")
                .header("Authorization", Tokens.bearer(donor)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(statuses).as("statuses %s", Burst.tally(statuses)).allMatch(s -> s == 429 || s == 503);
        assertThat(Burst.count(statuses, 503)).as("passed the limiter, %s", Burst.tally(statuses))
                .isEqualTo(RateLimitTests.CHECKOUT_LIMIT);
        assertThat(degradedDecisions()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void holdsTheClientLimitWithoutRedis() throws Exception {
        String client = RateLimitTests.freshClientAddress();
        List<Integer> statuses = Burst.fire(RateLimitTests.ANONYMOUS_LIMIT + 10, i -> Burst.to(gateway,
                "/api/v1/events/" + event + "/tickets/packages").header("X-Forwarded-For", client)
                .header("Authorization", "Basic eHh4Onl5eQ==").GET().build());
        assertThat(Burst.count(statuses, 503)).as("passed the limiter, %s", Burst.tally(statuses))
                .isEqualTo(RateLimitTests.ANONYMOUS_LIMIT);
        assertThat(Burst.count(statuses, 429)).as("statuses %s", Burst.tally(statuses)).isEqualTo(10);
    }

    private double degradedDecisions() {
        return RateLimitTests.degradedDecisions(registry);
    }
}
