package org.fundrbolt.tickets.platform.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until an asynchronous effect (Kafka, Redis) is visible, failing after a deadline. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T value(Supplier<T> probe, java.util.function.Predicate<T> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError retry) {
                // not there yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Not reached within " + within + "; last value: " + last);
    }
}
