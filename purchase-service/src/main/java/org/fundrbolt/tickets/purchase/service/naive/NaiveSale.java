package org.fundrbolt.tickets.purchase.service.naive;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.domain.Stock;
import org.fundrbolt.tickets.purchase.domain.StockAllocation;
import org.fundrbolt.tickets.purchase.repository.TicketSequences;
import org.fundrbolt.tickets.purchase.service.PurchaseRecorder;
import org.fundrbolt.tickets.purchase.service.SaleStrategy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * BENCHMARK BASELINE ONLY (purchase.sale-mode=naive): the optimistic design ARCHITECTURE.md rejects —
 * read the version, write only if it is unchanged, retry up to three times with backoff on a conflict —
 * kept so deploy/load can measure what the batched, conditional claim wins. Refused in the prod profile
 * (SaleModeGuard).
 */
@ApplicationScoped
@Typed(NaiveSale.class) // injected as a SaleStrategy only through SaleStrategies
public class NaiveSale implements SaleStrategy {

    private static final int RETRIES = 3;

    /** Another sale changed the row between the read and the write; rolls the attempt back. */
    private static final class StaleVersion extends RuntimeException {

        StaleVersion() {
            super("the inventory version changed since it was read", null, false, false);
        }
    }

    private final Pool pool;
    private final NaiveSaleRepository inventory;
    private final PurchaseRecorder recorder;
    private final TicketSequences sequences;

    public NaiveSale(Pool pool, NaiveSaleRepository inventory, PurchaseRecorder recorder, TicketSequences sequences) {
        this.pool = pool;
        this.sequences = sequences;
        this.inventory = inventory;
        this.recorder = recorder;
    }

    @Override
    public Uni<SaleOutcome> sell(SaleRequest request) {
        return sequences.ensure(request.eventId()).chain(() -> attempt(request, 0));
    }

    private Uni<SaleOutcome> attempt(SaleRequest request, int retries) {
        return pool.withTransaction(connection -> once(connection, request))
                .onFailure(StaleVersion.class).recoverWithUni(stale -> {
                    if (retries >= RETRIES) {
                        return Uni.createFrom().item(SaleOutcome.CONFLICT);
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5L << retries))
                            .chain(() -> attempt(request, retries + 1));
                });
    }

    private Uni<SaleOutcome> once(SqlConnection connection, SaleRequest request) {
        return inventory.read(connection, request.packageId()).chain(found -> {
            if (found.isEmpty() || !found.get().sellable()) {
                return Uni.createFrom().item(SaleOutcome.PACKAGE_GONE);
            }
            Stock stock = found.get();
            List<Integer> quantity = List.of(request.quantity());
            if (StockAllocation.decide(stock.quantityLimit(), stock.soldCount(), quantity).isEmpty()) {
                return Uni.createFrom().item(SaleOutcome.SOLD_OUT);
            }
            return inventory.claimIfUnchanged(connection, request.packageId(), request.quantity(), stock.version(),
                    request.seats(), request.totalPrice(), request.donationAmount())
                    .chain(claimed -> claimed
                            .map(claim -> recorder.record(connection, stock, List.of(request), claim)
                                    .map(purchases -> SaleOutcome.sold(purchases.get(0))))
                            .orElseGet(() -> Uni.createFrom().failure(new StaleVersion())));
        });
    }
}
