package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The Redis script and the local limiter are two spellings of one rule: they must decide every request alike. */
@QuarkusTest
class SlidingWindowScriptTests {

    private static final long LENGTH = RateLimiter.WINDOW_MILLIS;

    @Inject
    RateLimiter limiter;

    @Test
    void decidesLikeTheLocalLimiter() {
        String key = "ratelimit:test:" + UUID.randomUUID();
        LocalRateLimiter local = new LocalRateLimiter(LENGTH);
        long start = 2_000 * LENGTH;
        long[] offsets = {1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 30_000, 59_999, LENGTH, LENGTH + 5_000,
                LENGTH + 20_000, LENGTH + 20_000, LENGTH + 20_000, LENGTH + 45_000, LENGTH + 45_000, LENGTH + 59_000,
                2 * LENGTH + 1, 2 * LENGTH + 30_000, 2 * LENGTH + 30_000, 4 * LENGTH, 4 * LENGTH, 4 * LENGTH,
                4 * LENGTH, 4 * LENGTH, 4 * LENGTH, 4 * LENGTH - 5};
        List<Long> inRedis = new ArrayList<>();
        List<Long> inMemory = new ArrayList<>();
        for (long offset : offsets) {
            inRedis.add(limiter.countInRedis(key, 5, start + offset).await().indefinitely());
            inMemory.add(local.decideAlone(key, 5, start + offset));
        }
        assertThat(inRedis).isEqualTo(inMemory);
        assertThat(inRedis).contains(0L).anyMatch(wait -> wait > 0);
    }
}
