package org.fundrbolt.tickets.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SalesRulesRuleTests {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aWindowIncludesItsStartAndExcludesItsEnd() {
        assertThat(SalesRules.onSale(true, null, null, NOW)).isTrue();
        assertThat(SalesRules.onSale(false, null, null, NOW)).isFalse();
        assertThat(SalesRules.onSale(true, NOW, null, NOW)).isTrue();
        assertThat(SalesRules.onSale(true, NOW.plusMillis(1), null, NOW)).isFalse();
        assertThat(SalesRules.onSale(true, null, NOW, NOW)).isFalse();
        assertThat(SalesRules.onSale(true, null, NOW.plusMillis(1), NOW)).isTrue();
        assertThat(SalesRules.onSale(true, NOW.minusSeconds(60), NOW.plusSeconds(60), NOW)).isTrue();
        assertThat(SalesRules.onSale(false, NOW.minusSeconds(60), NOW.plusSeconds(60), NOW)).isFalse();
    }

    @Test
    void thePriceInForceIsTheFirstTierStillAhead() {
        BigDecimal price = new BigDecimal("100.00");
        List<PriceTier> tiers = List.of(new PriceTier("Earliest", new BigDecimal("60.00"), NOW),
                new PriceTier("Early", new BigDecimal("80.00"), NOW.plusSeconds(60)));
        assertThat(SalesRules.currentPrice(price, List.of(), NOW)).isEqualTo(price);
        assertThat(SalesRules.currentPrice(price, tiers, NOW.minusMillis(1))).isEqualByComparingTo("60.00");
        assertThat(SalesRules.currentPrice(price, tiers, NOW)).as("a tier ends at its ends_at")
                .isEqualByComparingTo("80.00");
        assertThat(SalesRules.currentPrice(price, tiers, NOW.plusSeconds(60))).isEqualTo(price);
    }

    @Test
    void instantsFromTwoThousandToTheLastFourDigitYear() {
        assertThat(SalesRules.inRange(Instant.parse("2000-01-01T00:00:00Z"))).isTrue();
        assertThat(SalesRules.inRange(Instant.parse("1999-12-31T23:59:59.999Z"))).isFalse();
        assertThat(SalesRules.inRange(Instant.parse("9999-12-31T23:59:59.999Z"))).isTrue();
        assertThat(SalesRules.inRange(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
    }
}
