package org.fundrbolt.tickets.purchase.service;

import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;

import io.smallrye.mutiny.Uni;

/**
 * How step 4 of the sale claims stock and records one buyer's purchase: the batched conditional claim
 * (the design) or the naive baseline the benchmark measures it against; {@link SaleStrategies} picks one.
 */
public interface SaleStrategy {

    Uni<SaleOutcome> sell(SaleRequest request);
}
