package org.fundrbolt.tickets.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * The request limits of API.md under bursts: a donor or a client that fires more than its budget at once gets
 * exactly its budget through, the rest 429. No service listens in tests, so a request that passes the limiter
 * answers 503.
 */
@QuarkusTest
@TestProfile(RateLimitTests.ApiLimits.class)
class RateLimitTests {

    static final int CHECKOUT_LIMIT = 30;
    static final int VALIDATE_LIMIT = 60;
    static final int ANONYMOUS_LIMIT = 20;

    /**
     * The limits of API.md for donors; the anonymous limit lowered so that a test can exceed it quickly. A busy
     * test machine easily keeps a call from Redis longer than the production timeout, which would test the local
     * fallback instead (RateLimitWithoutRedisTests does).
     */
    public static class ApiLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limits.checkout-per-minute", String.valueOf(CHECKOUT_LIMIT),
                    "gateway.rate-limits.promo-validate-per-minute", String.valueOf(VALIDATE_LIMIT),
                    "gateway.rate-limits.anonymous-per-minute", String.valueOf(ANONYMOUS_LIMIT),
                    "gateway.rate-limits.redis-timeout", "5s");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    MeterRegistry registry;

    private final UUID event = UUID.randomUUID();

    @Test
    void admitsNoMoreSimultaneousCheckoutsThanTheDonorLimit() throws Exception {
        double degraded = degradedDecisions();
        List<Integer> statuses = checkouts(45, Tokens.donor(UUID.randomUUID()));
        assertThat(degradedDecisions()).as("decisions without Redis").isEqualTo(degraded);
        assertThat(statuses).as("statuses %s", Burst.tally(statuses)).allMatch(s -> s == 429 || s == 503);
        assertThat(Burst.count(statuses, 503)).as("passed the limiter, %s", Burst.tally(statuses))
                .isEqualTo(CHECKOUT_LIMIT);
    }

    @Test
    void admitsNoMoreSimultaneousValidationsThanTheDonorLimit() throws Exception {
        String donor = Tokens.donor(UUID.randomUUID());
        double degraded = degradedDecisions();
        List<Integer> statuses = Burst.fire(80, i -> Burst.to(gateway, "/api/v1/events/" + event
                + "/promo-codes/GALA" + i + "/validate").header("Authorization", Tokens.bearer(donor)).GET().build());
        assertThat(statuses).as("statuses %s", Burst.tally(statuses)).allMatch(s -> s == 429 || s == 503);
        assertThat(Burst.count(statuses, 503)).as("passed the limiter, %s", Burst.tally(statuses))
                .isEqualTo(VALIDATE_LIMIT);
        assertThat(degradedDecisions()).as("decisions without Redis").isEqualTo(degraded);
    }

    @Test
    void countsAnotherSpellingOfTheSameDonorIdAgainstTheSameBudget() throws Exception {
        UUID donor = UUID.randomUUID();
        assertThat(Burst.count(checkouts(CHECKOUT_LIMIT, Tokens.donor(donor)), 503)).isEqualTo(CHECKOUT_LIMIT);
        long now = Instant.now().getEpochSecond();
        String upperCase = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE)
                .subject(donor.toString().toUpperCase()).groups(Set.of("donor")).issuedAt(now - 60)
                .expiresAt(now + 3600).sign();
        assertThat(checkouts(1, upperCase)).containsExactly(429);
    }

    @Test
    void countsPublicCallsWithAnInvalidAuthorizationAgainstTheClientLimit() throws Exception {
        String expired = Tokens.token(UUID.randomUUID(), Set.of("donor"), List.of(), -60);
        for (String authorization : List.of("Basic eHh4Onl5eQ==", "Bearer not.a.jwt", Tokens.bearer(expired))) {
            List<Integer> statuses = publicCalls(ANONYMOUS_LIMIT + 10, authorization);
            assertThat(Burst.count(statuses, 503)).as("%s: %s", authorization, Burst.tally(statuses))
                    .isEqualTo(ANONYMOUS_LIMIT);
            assertThat(Burst.count(statuses, 429)).as("%s: %s", authorization, Burst.tally(statuses))
                    .isEqualTo(10);
        }
    }

    @Test
    void doesNotCountPublicCallsWithAValidTokenAgainstTheClientLimit() throws Exception {
        List<Integer> statuses = publicCalls(ANONYMOUS_LIMIT + 10, Tokens.bearer(Tokens.donor(UUID.randomUUID())));
        assertThat(statuses).as("statuses %s", Burst.tally(statuses)).allMatch(s -> s == 503);
    }

    @Test
    void answersRateLimitedWithTheSecondsUntilTheWindowFrees() throws Exception {
        String client = freshClientAddress();
        Burst.fire(ANONYMOUS_LIMIT, i -> Burst.to(gateway, "/api/v1/events/" + event + "/tickets/packages")
                .header("X-Forwarded-For", client).GET().build());
        String retryAfter = given().header("X-Forwarded-For", client)
                .get("/api/v1/events/" + event + "/tickets/packages")
                .then().statusCode(429).contentType("application/problem+json").body("code", equalTo("rate_limited"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    private List<Integer> checkouts(int count, String token) throws Exception {
        return Burst.fire(count, i -> Burst.to(gateway, "/api/v1/events/" + event + "/tickets/purchase")
                .header("Authorization", Tokens.bearer(token)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    /** Public calls from one fresh client address (the test profile trusts X-Forwarded-For). */
    private List<Integer> publicCalls(int count, String authorization) throws Exception {
        String client = freshClientAddress();
        return Burst.fire(count, i -> Burst.to(gateway, "/api/v1/events/" + event + "/tickets/packages")
                .header("X-Forwarded-For", client).header("Authorization", authorization).GET().build());
    }

    static double degradedDecisions(MeterRegistry registry) {
        return registry.find("gateway.rate.limit.degraded").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double degradedDecisions() {
        return degradedDecisions(registry);
    }

    /** A documentation address (RFC 3849) of its own, so no other test has spent its budget. */
    static String freshClientAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("2001:db8:%x:%x::%x", random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(1, 0x10000));
    }
}
