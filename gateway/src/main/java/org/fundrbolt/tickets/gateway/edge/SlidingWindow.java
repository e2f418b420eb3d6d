package org.fundrbolt.tickets.gateway.edge;

/**
 * The arithmetic of a sliding-window limit ("sliding window counter"): the admitted requests of the previous
 * window, weighted by the share of it that still lies within the last window length, plus those of the current
 * one. Two counters per subject instead of one entry per request; unlike a fixed window, a client cannot spend
 * its budget twice around a window boundary. {@link RateLimiter#SCRIPT} does the same sums in Redis, step for
 * step; {@link LocalRateLimiter} does them in memory.
 */
final class SlidingWindow {

    /** The requests admitted for one subject: {@code current} in window number {@code window}, {@code previous} in the one before. */
    record Counts(long window, long current, long previous) {

        /** The counts as seen from window number {@code now} (a clock behind the counts keeps them as they are). */
        Counts at(long now) {
            if (now <= window) {
                return this;
            }
            return new Counts(now, 0, now == window + 1 ? current : 0);
        }

        Counts plusOne() {
            return new Counts(window, current + 1, previous);
        }
    }

    private SlidingWindow() {
    }

    static long windowOf(long nowMillis, long lengthMillis) {
        return Math.floorDiv(nowMillis, lengthMillis);
    }

    /** Counts of a subject never seen (or not seen for two windows), from window number {@code now}. */
    static Counts none(long now) {
        return new Counts(now, 0, 0);
    }

    /**
     * Milliseconds until one more request fits under {@code limit}, assuming no other is admitted meanwhile; 0
     * when it fits now. {@code counts} are already {@link Counts#at advanced} to the window of {@code nowMillis}.
     */
    static long waitMillis(Counts counts, long nowMillis, int limit, long lengthMillis) {
        // Whole numbers below 2^53 until the two divisions, so Java and Lua round alike.
        double length = lengthMillis;
        double elapsed = Math.max(0, nowMillis - counts.window() * lengthMillis);
        double current = counts.current();
        double previous = counts.previous();
        double wait;
        if (limit < 1) {
            wait = length - elapsed;
        } else if (previous * (length - elapsed) <= (limit - 1 - current) * length) {
            return 0;
        } else if (current + 1 <= limit) {
            // The previous window's weight fades enough before this window ends.
            wait = length * (previous - (limit - 1 - current)) / previous - elapsed;
        } else {
            // Only in the next window, once this one's count has faded enough as the previous.
            wait = length - elapsed + length * (current - (limit - 1)) / current;
        }
        return Math.max(1, (long) Math.ceil(wait));
    }
}
