package org.fundrbolt.tickets.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The benchmark's naive baseline: never oversells either, but fails buyers on version conflicts. */
@QuarkusTest
@TestProfile(NaiveBaselineTests.NaiveMode.class)
class NaiveBaselineTests extends SaleFixture {

    /** Switches the sale path to the optimistic read-version-retry baseline. */
    public static class NaiveMode implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("purchase.sale-mode", "naive",
                    "mp.messaging.incoming.catalog-packages.group.id", "purchase-service-naive-test");
        }
    }

    @Test
    void neverOversellsButFailsBuyersOnConflicts() throws Exception {
        UUID packageId = packageOnSale("5.00", 40, null);
        List<Integer> statuses = concurrently(60, i -> buy(UUID.randomUUID(), packageId, 1, null, null).statusCode());
        long sold = statuses.stream().filter(s -> s == 201).count();
        assertThat(sold).isLessThanOrEqualTo(40);
        assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        assertThat(soldCount(packageId)).isEqualTo((int) sold);
        assertThat(purchasedQuantity(packageId)).isEqualTo(sold);
    }
}
