package org.fundrbolt.tickets.promo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.promo.domain.DiscountType;
import org.fundrbolt.tickets.promo.domain.KnownPackage;
import org.fundrbolt.tickets.promo.domain.PriceTier;
import org.junit.jupiter.api.Test;

class PricingTests {

    private static final Instant EARLY_ENDS = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant LATE_ENDS = Instant.parse("2026-11-01T00:00:00Z");

    private static KnownPackage tiered(PriceTier... tiers) {
        return new KnownPackage(UUID.randomUUID(), UUID.randomUUID(), new BigDecimal("120.00"), List.of(tiers), false,
                1);
    }

    @Test
    void chargesTheFirstTierStillAheadElseThePrice() {
        KnownPackage pkg = tiered(new PriceTier("Early", new BigDecimal("80.00"), EARLY_ENDS),
                new PriceTier("Late", new BigDecimal("100.00"), LATE_ENDS));
        assertThat(pkg.currentPrice(EARLY_ENDS.minusMillis(1))).hasToString("80.00");
        // A tier ends at its ends_at: from that instant on, the next one is in force.
        assertThat(pkg.currentPrice(EARLY_ENDS)).hasToString("100.00");
        assertThat(pkg.currentPrice(LATE_ENDS.minusMillis(1))).hasToString("100.00");
        assertThat(pkg.currentPrice(LATE_ENDS)).hasToString("120.00");
        assertThat(tiered().currentPrice(EARLY_ENDS)).hasToString("120.00");
    }

    @Test
    void anAccessCodeTakesNothingOff() {
        assertThat(DiscountType.NONE.discount(BigDecimal.ZERO, new BigDecimal("120.00"))).hasToString("0.00");
        assertThat(DiscountType.NONE.discount(BigDecimal.ZERO, BigDecimal.ZERO)).hasToString("0.00");
    }
}
