package org.fundrbolt.tickets.purchase.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Who of a batch gets stock: first come, first served, and a later smaller buyer may still fit. */
class StockAllocationTests {

    @Test
    void servesEveryoneWithoutALimit() {
        StockAllocation allocation = StockAllocation.decide(null, 1_000_000, List.of(100, 1, 50));
        assertThat(allocation.fits()).containsExactly(true, true, true);
        assertThat(allocation.claimed()).isEqualTo(151);
        assertThat(allocation.buyers()).isEqualTo(3);
    }

    @Test
    void sellsTheLastTicketsWhenTheyFitExactly() {
        StockAllocation allocation = StockAllocation.decide(10, 6, List.of(3, 1));
        assertThat(allocation.fits()).containsExactly(true, true);
        assertThat(allocation.claimed()).isEqualTo(4);
    }

    @Test
    void refusesTheBigBuyerButServesALaterSmallOne() {
        StockAllocation allocation = StockAllocation.decide(10, 7, List.of(2, 4, 1, 1));
        assertThat(allocation.fits()).containsExactly(true, false, true, false);
        assertThat(allocation.claimed()).isEqualTo(3);
        assertThat(allocation.buyers()).isEqualTo(2);
        assertThat(allocation.fitting(List.of("a", "b", "c", "d"))).containsExactly("a", "c");
    }

    @Test
    void servesInArrivalOrderNotBySize() {
        StockAllocation allocation = StockAllocation.decide(10, 0, List.of(6, 5, 4));
        assertThat(allocation.fits()).containsExactly(true, false, true);
        assertThat(allocation.claimed()).isEqualTo(10);
    }

    @Test
    void servesNobodyWhenNothingFits() {
        StockAllocation allocation = StockAllocation.decide(10, 8, List.of(3, 5));
        assertThat(allocation.fits()).containsExactly(false, false);
        assertThat(allocation.claimed()).isZero();
        assertThat(allocation.isEmpty()).isTrue();
    }

    @Test
    void servesNobodyWhenNothingRemains() {
        StockAllocation allocation = StockAllocation.decide(10, 10, List.of(1));
        assertThat(allocation.isEmpty()).isTrue();
        assertThat(allocation.claimed()).isZero();
        assertThat(StockAllocation.decide(0, 0, List.of(1)).isEmpty()).isTrue();
    }
}
