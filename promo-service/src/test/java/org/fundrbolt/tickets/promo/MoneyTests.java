package org.fundrbolt.tickets.promo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.fundrbolt.tickets.promo.domain.DiscountType;
import org.fundrbolt.tickets.promo.domain.Money;
import org.junit.jupiter.api.Test;

class MoneyTests {

    private static BigDecimal money(String text) {
        return new BigDecimal(text);
    }

    @Test
    void takesTwentyPercentOfTwoTicketsAtTwelveHundred() {
        BigDecimal base = money("1200.00").multiply(BigDecimal.valueOf(2));
        assertThat(DiscountType.PERCENTAGE.discount(money("20"), base)).isEqualByComparingTo("480.00")
                .hasToString("480.00");
    }

    @Test
    void roundsPercentagesHalfUpToCents() {
        assertThat(DiscountType.PERCENTAGE.discount(money("33.33"), money("100.00"))).hasToString("33.33");
        assertThat(DiscountType.PERCENTAGE.discount(money("33.33"), money("1.50"))).hasToString("0.50");
        // 12.5 % of 0.20 is 0.025: HALF_UP gives 0.03 where HALF_EVEN would give 0.02.
        assertThat(DiscountType.PERCENTAGE.discount(money("12.5"), money("0.20"))).hasToString("0.03");
        assertThat(DiscountType.PERCENTAGE.discount(money("100"), money("75.25"))).hasToString("75.25");
    }

    @Test
    void neverTakesMoreThanTheBaseWithAFixedAmount() {
        assertThat(DiscountType.FIXED_AMOUNT.discount(money("50.00"), money("30.00"))).hasToString("30.00");
        assertThat(DiscountType.FIXED_AMOUNT.discount(money("25"), money("30.00"))).hasToString("25.00");
        assertThat(DiscountType.FIXED_AMOUNT.discount(money("25"), money("0"))).hasToString("0.00");
    }

    @Test
    void acceptsTwoDecimalsButNotThree() {
        assertThat(Money.hasAtMostTwoDecimals(money("10.50"))).isTrue();
        assertThat(Money.hasAtMostTwoDecimals(money("10.500"))).isTrue();
        assertThat(Money.hasAtMostTwoDecimals(money("10.005"))).isFalse();
    }
}
