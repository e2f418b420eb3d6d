package org.fundrbolt.tickets.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class ConsumerPolicyTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerPolicy policy = new ConsumerPolicy(new ConsumerConfig() {

        @Override
        public Duration retryInitial() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration attemptTimeout() {
            return Duration.ofMillis(200);
        }

        @Override
        public Duration retryMax() {
            return Duration.ofMillis(5);
        }
    }, registry);

    @Test
    void aDatabaseRestartIsRetriedInPlaceUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = policy.apply("sales", () -> attempts.incrementAndGet() < 6
                ? Uni.createFrom().failure(pg("57P01", "terminating connection due to administrator command"))
                : Uni.createFrom().item("applied")).await().atMost(Duration.ofSeconds(5));

        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(6);
        assertThat(registry.counter("consumer_retries_total", "channel", "sales").count()).isEqualTo(5);
        assertThat(registry.get("consumer_retrying").tag("channel", "sales").gauge().value()).isZero();
        assertThat(registry.find("consumer_dead_lettered_total").counter()).isNull();
    }

    @Test
    void anAttemptThatNeverAnswersIsTimedOutAndRetried() {
        AtomicInteger attempts = new AtomicInteger();
        String result = policy.apply("sales", () -> attempts.incrementAndGet() == 1
                ? Uni.createFrom().nothing()
                : Uni.createFrom().item("applied")).await().atMost(Duration.ofSeconds(5));

        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anUnreadableMessageFailsAtOnceAndIsCounted() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> policy.apply("sales", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new UnreadableMessage("not JSON"));
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(UnreadableMessage.class);

        assertThat(attempts).hasValue(1);
        assertThat(registry.counter("consumer_dead_lettered_total", "channel", "sales").count()).isEqualTo(1);
    }

    @Test
    void transientAndPoisonFailuresAreToldApart() {
        assertThat(ConsumerPolicy.isPoison(pg("57P01", "admin shutdown"))).isFalse();
        assertThat(ConsumerPolicy.isPoison(pg("40P01", "deadlock detected"))).isFalse();
        assertThat(ConsumerPolicy.isPoison(pg("40001", "could not serialize access"))).isFalse();
        assertThat(ConsumerPolicy.isPoison(pg("23505", "duplicate key raced by another replica"))).isFalse();
        assertThat(ConsumerPolicy.isPoison(new java.util.concurrent.TimeoutException())).isFalse();
        assertThat(ConsumerPolicy.isPoison(new io.vertx.core.impl.NoStackTraceThrowable("Connection is closed")))
                .isFalse();
        assertThat(ConsumerPolicy.isPoison(new IllegalStateException("pool closed"))).isFalse();

        assertThat(ConsumerPolicy.isPoison(pg("22003", "numeric field overflow"))).isTrue();
        assertThat(ConsumerPolicy.isPoison(pg("23514", "check constraint"))).isTrue();
        assertThat(ConsumerPolicy.isPoison(new UnreadableMessage("missing package_id"))).isTrue();
        assertThat(ConsumerPolicy.isPoison(new CompletionException(new JsonParseException(null, "bad JSON"))))
                .isTrue();
        assertThat(ConsumerPolicy.isPoison(new IllegalArgumentException("a sale event needs a purchase_id")))
                .isTrue();
    }

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }
}
