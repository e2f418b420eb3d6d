package org.fundrbolt.tickets.promo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.allAtOnce;
import static org.fundrbolt.tickets.promo.PromoFixtures.assertAtMostTheBudgetJudged;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** The anti-guessing limit with Redis unreachable: counted in this replica's memory, never lifted. */
@QuarkusTest
@TestProfile(GuessLimitWithoutRedisTests.RedisAway.class)
class GuessLimitWithoutRedisTests {

    /** Nothing listens on port 1, so every Redis call fails at once. */
    public static class RedisAway implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Inject
    MeterRegistry registry;

    private final UUID event = UUID.randomUUID();
    private final UUID donor = UUID.randomUUID();

    @Test
    void keepsTheBudgetInMemoryWhileRedisIsAway() throws Exception {
        double degradedBefore = registry.counter("promo.guess.limit.degraded").count();
        createCode(event, Map.of("code", "REAL", "discount_type", "fixed_amount", "discount_value", 5));
        for (int i = 0; i < 3; i++) {
            validate(event, donor, "REAL", null, null).statusCode(200);
        }
        List<Supplier<ValidatableResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            String guess = "GUESS" + i;
            requests.add(() -> validate(event, donor, guess, null, null));
        }
        int real = 20;
        requests.add(real, () -> validate(event, donor, "REAL", null, null));
        assertAtMostTheBudgetJudged(allAtOnce(requests), real, 200);
        validate(event, donor, "REAL", null, null).statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        validate(event, UUID.randomUUID(), "REAL", null, null).statusCode(200);
        assertThat(registry.counter("promo.guess.limit.degraded").count() - degradedBefore)
                .isGreaterThanOrEqualTo(45);
    }
}
