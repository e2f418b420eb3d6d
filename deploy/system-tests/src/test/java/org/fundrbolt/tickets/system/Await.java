package org.fundrbolt.tickets.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Bounded polling for effects that travel through Kafka (the API promises them within 2 s). */
final class Await {

    private Await() {
    }

    static <T> T until(String what, Duration patience, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(patience);
        AssertionError last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + patience.toMillis() + " ms waiting for " + what, last);
    }
}
