package org.fundrbolt.tickets.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fundrbolt.tickets.gateway.edge.SlidingWindow.Counts;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final long LENGTH = 60_000;
    private static final long WINDOW = 1_000;
    private static final long START = WINDOW * LENGTH;

    @Test
    void admitsUpToTheLimitInAFreshWindow() {
        assertEquals(0, SlidingWindow.waitMillis(new Counts(WINDOW, 29, 0), START + 10_000, 30, LENGTH));
    }

    @Test
    void refusesAFullWindowUntilItsCountHasFadedInTheNext() {
        // 50 s to the end of the window, then 2 s until 30 × 58/60 = 29 leaves room for one
        assertEquals(52_000, SlidingWindow.waitMillis(new Counts(WINDOW, 30, 0), START + 10_000, 30, LENGTH));
    }

    @Test
    void givesNoFreshBudgetAtAWindowBoundary() {
        Counts next = new Counts(WINDOW, 30, 0).at(WINDOW + 1);
        assertEquals(new Counts(WINDOW + 1, 0, 30), next);
        assertEquals(2_000, SlidingWindow.waitMillis(next, START + LENGTH, 30, LENGTH));
        assertEquals(0, SlidingWindow.waitMillis(next, START + LENGTH + 2_000, 30, LENGTH));
    }

    @Test
    void weighsThePreviousWindowByWhatStillOverlapsTheLastMinute() {
        // 15 s into the window, 30 × 45/60 = 22.5 of the previous one still count: 6 + 1 more fit, 7 + 1 do not
        assertEquals(0, SlidingWindow.waitMillis(new Counts(WINDOW, 6, 30), START + 15_000, 30, LENGTH));
        assertEquals(1_000, SlidingWindow.waitMillis(new Counts(WINDOW, 7, 30), START + 15_000, 30, LENGTH));
        assertEquals(0, SlidingWindow.waitMillis(new Counts(WINDOW, 7, 30), START + 16_000, 30, LENGTH));
    }

    @Test
    void forgetsCountsTwoWindowsOld() {
        assertEquals(new Counts(WINDOW + 2, 0, 0), new Counts(WINDOW, 30, 30).at(WINDOW + 2));
    }

    @Test
    void keepsTheCountsWhenTheClockIsBehindThem() {
        Counts counts = new Counts(WINDOW, 30, 0);
        assertEquals(counts, counts.at(WINDOW - 1));
        assertEquals(62_000, SlidingWindow.waitMillis(counts, START - 10, 30, LENGTH));
    }

    @Test
    void refusesEverythingUnderALimitOfZero() {
        assertEquals(45_000, SlidingWindow.waitMillis(SlidingWindow.none(WINDOW), START + 15_000, 0, LENGTH));
    }
}
