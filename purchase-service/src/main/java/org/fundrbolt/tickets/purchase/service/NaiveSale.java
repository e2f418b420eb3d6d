package org.fundrbolt.tickets.purchase.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.fundrbolt.tickets.purchase.repository.SaleRepository.StaleVersion;

import io.smallrye.mutiny.Uni;

/**
 * BENCHMARK BASELINE ONLY: the naive optimistic design (read the version, write, retry up to three
 * times with backoff on a version conflict), kept so deploy/load can measure what the batched,
 * conditional claim wins. Off by default and refused in the prod profile (SaleModeGuard).
 */
@ApplicationScoped
public class NaiveSale {

    /** What a buyer gets when every retry met a newer version. */
    public static final SaleOutcome GAVE_UP = new SaleOutcome(SaleOutcome.Result.CONFLICT, null);

    private final SaleRepository sales;

    public NaiveSale(SaleRepository sales) {
        this.sales = sales;
    }

    public Uni<SaleOutcome> sell(SaleRequest request) {
        return attempt(request, 0);
    }

    private Uni<SaleOutcome> attempt(SaleRequest request, int retries) {
        return sales.sellOptimistically(request).onFailure(StaleVersion.class).recoverWithUni(stale -> {
            if (retries >= 3) {
                return Uni.createFrom().item(GAVE_UP);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5L << retries))
                    .chain(() -> attempt(request, retries + 1));
        });
    }
}
