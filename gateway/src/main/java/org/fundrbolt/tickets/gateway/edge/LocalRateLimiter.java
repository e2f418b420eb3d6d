package org.fundrbolt.tickets.gateway.edge;

import java.util.concurrent.ConcurrentHashMap;

import org.fundrbolt.tickets.gateway.edge.SlidingWindow.Counts;

/**
 * The same sliding windows as in Redis, counted in this replica's memory, for the moments when Redis cannot
 * answer. Every request this replica admits is counted here, whoever decided it: an outage (or an attacker who
 * manages to cause one) hands out no fresh budget, and neither does Redis coming back, since what was admitted
 * alone meanwhile still counts.
 */
final class LocalRateLimiter {

    // A stale subject weighs nothing; only a flood of live ones (an attack from many addresses during an
    // outage) fills the map, and then forgetting all counts beats running out of memory.
    static final int MAX_SUBJECTS = 100_000;
    private static final long NEVER = Long.MIN_VALUE / 2;

    /** A subject's counts, and the last window in which this replica admitted one of its requests alone. */
    private record Subject(Counts counts, long aloneInWindow) {
    }

    private final ConcurrentHashMap<String, Subject> subjects = new ConcurrentHashMap<>();
    private final long lengthMillis;

    LocalRateLimiter(long lengthMillis) {
        this.lengthMillis = lengthMillis;
    }

    /** Decides one request without Redis, counting it when it fits: the milliseconds to wait, 0 when admitted. */
    long decideAlone(String key, int limit, long nowMillis) {
        long window = SlidingWindow.windowOf(nowMillis, lengthMillis);
        long[] wait = new long[1];
        subjects.compute(key, (k, known) -> {
            Counts counts = countsAt(known, window);
            wait[0] = SlidingWindow.waitMillis(counts, nowMillis, limit, lengthMillis);
            return wait[0] == 0 ? new Subject(counts.plusOne(), window) : new Subject(counts, aloneIn(known));
        });
        forgetIfFull(window);
        return wait[0];
    }

    /**
     * Counts a request that Redis admitted. Redis does not know what this replica admitted alone in the last two
     * windows, so then the request must fit here too: the milliseconds to wait, 0 when admitted.
     */
    long confirm(String key, int limit, long nowMillis) {
        long window = SlidingWindow.windowOf(nowMillis, lengthMillis);
        long[] wait = new long[1];
        subjects.compute(key, (k, known) -> {
            Counts counts = countsAt(known, window);
            long alone = aloneIn(known);
            wait[0] = alone >= window - 1 ? SlidingWindow.waitMillis(counts, nowMillis, limit, lengthMillis) : 0;
            return new Subject(wait[0] == 0 ? counts.plusOne() : counts, alone);
        });
        forgetIfFull(window);
        return wait[0];
    }

    int size() {
        return subjects.size();
    }

    private static Counts countsAt(Subject known, long window) {
        return known == null ? SlidingWindow.none(window) : known.counts().at(window);
    }

    private static long aloneIn(Subject known) {
        return known == null ? NEVER : known.aloneInWindow();
    }

    private void forgetIfFull(long window) {
        if (subjects.size() <= MAX_SUBJECTS) {
            return;
        }
        subjects.values().removeIf(known -> known.counts().window() < window - 1);
        if (subjects.size() > MAX_SUBJECTS * 3 / 4) {
            subjects.clear();
        }
    }
}
