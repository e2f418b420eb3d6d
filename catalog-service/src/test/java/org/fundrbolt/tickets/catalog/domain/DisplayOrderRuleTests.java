package org.fundrbolt.tickets.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayOrderRuleTests {

    @Test
    void acceptsZeroToTheBound() {
        assertThat(DisplayOrder.valid(0)).isTrue();
        assertThat(DisplayOrder.valid(DisplayOrder.MAX)).isTrue();
        assertThat(DisplayOrder.valid(-1)).isFalse();
        assertThat(DisplayOrder.valid(DisplayOrder.MAX + 1)).isFalse();
        assertThat(DisplayOrder.valid(Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void goesLastWithoutLeavingTheRange() {
        assertThat(DisplayOrder.after(null)).isZero();
        assertThat(DisplayOrder.after(0)).isEqualTo(1);
        assertThat(DisplayOrder.after(DisplayOrder.MAX - 1)).isEqualTo(DisplayOrder.MAX);
        assertThat(DisplayOrder.after(DisplayOrder.MAX)).isEqualTo(DisplayOrder.MAX);
        assertThat(DisplayOrder.after(Integer.MAX_VALUE)).isEqualTo(DisplayOrder.MAX);
    }
}
