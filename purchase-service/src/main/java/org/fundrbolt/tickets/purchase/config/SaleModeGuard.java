package org.fundrbolt.tickets.purchase.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** Refuses to start a production service in the benchmark-only naive sale mode. */
@ApplicationScoped
public class SaleModeGuard {

    void check(@Observes StartupEvent started, PurchaseConfig config) {
        boolean prod = LaunchMode.current() == LaunchMode.NORMAL && ConfigUtils.getProfiles().contains("prod");
        if (prod && "naive".equals(config.saleMode())) {
            throw new IllegalStateException("purchase.sale-mode=naive is a benchmark baseline and is refused in the "
                    + "prod profile; run the benchmark with QUARKUS_PROFILE=bench");
        }
    }
}
