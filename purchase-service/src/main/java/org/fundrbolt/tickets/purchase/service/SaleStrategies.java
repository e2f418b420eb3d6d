package org.fundrbolt.tickets.purchase.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.fundrbolt.tickets.purchase.config.PurchaseConfig;
import org.fundrbolt.tickets.purchase.service.naive.NaiveSale;

/** Chooses the sale strategy once, at start-up, from {@code purchase.sale-mode}. */
@ApplicationScoped
public class SaleStrategies {

    @Produces
    @Singleton
    SaleStrategy chosen(PurchaseConfig config, Instance<SaleBatcher> batched, Instance<NaiveSale> naive) {
        return "naive".equals(config.saleMode()) ? naive.get() : batched.get();
    }
}
