package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private static final long LENGTH = 60_000;
    private static final long START = 1_000 * LENGTH;

    private final LocalRateLimiter limiter = new LocalRateLimiter(LENGTH);

    @Test
    void admitsExactlyTheLimitOfSimultaneousRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                waits.add(pool.submit(() -> {
                    start.await();
                    return limiter.decideAlone("checkout:donor", 30, START + 5_000);
                }));
            }
            start.countDown();
            long admitted = 0;
            for (Future<Long> wait : waits) {
                admitted += wait.get() == 0 ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givesNoFreshBudgetWhenRedisFailsMidWindow() {
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.confirm("checkout:donor", 30, START + 5_000)).isZero();
        }
        assertThat(limiter.decideAlone("checkout:donor", 30, START + 6_000)).isEqualTo(54_000 + 2_000);
        assertThat(limiter.decideAlone("checkout:other", 30, START + 6_000)).isZero();
    }

    @Test
    void givesNoFreshBudgetWhenRedisComesBack() {
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.decideAlone("checkout:donor", 30, START + 5_000)).isZero();
        }
        // Redis never saw those 30, so it admits; this replica did, and refuses.
        assertThat(limiter.confirm("checkout:donor", 30, START + 6_000)).isEqualTo(54_000 + 2_000);
        assertThat(limiter.confirm("checkout:donor", 30, START + LENGTH + 30_000)).isEqualTo(0);
    }

    @Test
    void leavesTheDecisionToRedisWhileRedisAnswers() {
        // Requests may reach this replica in another order than Redis decided them; Redis alone decides then.
        for (int i = 0; i < 40; i++) {
            assertThat(limiter.confirm("checkout:donor", 30, START + 5_000)).isZero();
        }
    }

    @Test
    void forgetsStaleSubjectsWhenFull() {
        for (int i = 0; i < LocalRateLimiter.MAX_SUBJECTS; i++) {
            limiter.confirm("anonymous:" + i, 600, START);
        }
        assertThat(limiter.size()).isEqualTo(LocalRateLimiter.MAX_SUBJECTS);
        limiter.decideAlone("anonymous:late", 600, START + 2 * LENGTH);
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void forgetsAllCountsRatherThanGrowWithoutBound() {
        for (int i = 0; i <= LocalRateLimiter.MAX_SUBJECTS; i++) {
            limiter.confirm("anonymous:" + i, 600, START);
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(LocalRateLimiter.MAX_SUBJECTS);
    }
}
