package org.fundrbolt.tickets.purchase.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.SaleOutcome;
import org.fundrbolt.tickets.purchase.domain.SaleRequest;
import org.fundrbolt.tickets.purchase.domain.Stock;
import org.fundrbolt.tickets.purchase.domain.StockAllocation;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.fundrbolt.tickets.purchase.repository.TicketSequences;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The sale's one database transaction (ARCHITECTURE.md, step 4) for one or several buyers of one
 * package: lock the inventory row, decide who fits, one versioned conditional update for all of them,
 * then record their purchases. Never oversells: the update's condition and the table's CHECK hold even
 * if the decision above them were wrong.
 */
@ApplicationScoped
public class SaleTransaction {

    private final Pool pool;
    private final SaleRepository sales;
    private final PurchaseRecorder recorder;
    private final TicketSequences sequences;

    public SaleTransaction(Pool pool, SaleRepository sales, PurchaseRecorder recorder, TicketSequences sequences) {
        this.pool = pool;
        this.sequences = sequences;
        this.sales = sales;
        this.recorder = recorder;
    }

    /**
     * One outcome per request, in order, bounded: the lock wait and every statement give up after {@code timeoutMillis} (the server rolls
     * the transaction back, SQLSTATE 55P03 or 57014), so a held row lock or a slow database cannot keep buyers
     * waiting past their deadline.
     */
    public Uni<List<SaleOutcome>> sell(UUID packageId, List<SaleRequest> requests, long timeoutMillis) {
        return sequences.ensure(requests.get(0).eventId())
                .chain(() -> pool.withTransaction(connection -> sales.bound(connection, timeoutMillis)
                        .chain(() -> sell(connection, packageId, requests))));
    }

    private Uni<List<SaleOutcome>> sell(SqlConnection connection, UUID packageId, List<SaleRequest> requests) {
        return sales.lock(connection, packageId).chain(stock -> stock
                .filter(Stock::sellable)
                .map(sellable -> claim(connection, packageId, sellable, requests))
                .orElseGet(() -> all(SaleOutcome.PACKAGE_GONE, requests)));
    }

    /**
     * The claim is decided at {@link Stock#claimedAt()}, read from the database's clock with the row locked (API.md,
     * "Sales rules"): a checkout outside the window at that instant is not on sale, and every buyer pays the tier in
     * force at it (their purchase's created_at), whatever price they were quoted when they arrived.
     */
    private Uni<List<SaleOutcome>> claim(SqlConnection connection, UUID packageId, Stock stock,
            List<SaleRequest> requests) {
        boolean open = stock.rules().onSaleAt(stock.claimedAt());
        BigDecimal unit = stock.rules().priceAt(stock.unitPrice(), stock.claimedAt());
        List<SaleRequest> onSale = new ArrayList<>(requests.size());
        for (SaleRequest request : requests) {
            if (open || !request.pricing().windowApplies()) {
                onSale.add(request.pricedAt(unit));
            }
        }
        if (onSale.size() == requests.size()) {
            return claimOnSale(connection, packageId, stock, onSale);
        }
        if (onSale.isEmpty()) {
            return all(SaleOutcome.NOT_ON_SALE, requests);
        }
        return claimOnSale(connection, packageId, stock, onSale).map(outcomes -> {
            Iterator<SaleOutcome> decided = outcomes.iterator();
            List<SaleOutcome> all = new ArrayList<>(requests.size());
            for (SaleRequest request : requests) {
                all.add(open || !request.pricing().windowApplies() ? decided.next() : SaleOutcome.NOT_ON_SALE);
            }
            return all;
        });
    }

    private Uni<List<SaleOutcome>> claimOnSale(SqlConnection connection, UUID packageId, Stock stock,
            List<SaleRequest> requests) {
        StockAllocation allocation = StockAllocation.decide(stock.quantityLimit(), stock.soldCount(),
                requests.stream().map(SaleRequest::quantity).toList());
        if (allocation.isEmpty()) {
            return all(SaleOutcome.SOLD_OUT, requests);
        }
        List<SaleRequest> fitting = allocation.fitting(requests);
        long tickets = fitting.stream().mapToLong(SaleRequest::seats).sum();
        BigDecimal revenue = fitting.stream().map(SaleRequest::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal donations = fitting.stream().map(SaleRequest::donationAmount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return sales.claim(connection, packageId, allocation.claimed(), allocation.buyers(), tickets, revenue,
                donations)
                .chain(claimed -> claimed
                        .map(claim -> recorder.record(connection, stock, fitting, claim)
                                .map(purchases -> outcomes(allocation, purchases)))
                        .orElseGet(() -> all(SaleOutcome.SOLD_OUT, requests)));
    }

    /** Sold for each buyer who fit (their purchases in order), sold out for the others. */
    private static List<SaleOutcome> outcomes(StockAllocation allocation, List<Purchase> purchases) {
        Iterator<Purchase> sold = purchases.iterator();
        List<SaleOutcome> outcomes = new ArrayList<>(allocation.fits().size());
        for (int i = 0; i < allocation.fits().size(); i++) {
            outcomes.add(allocation.fits(i) ? SaleOutcome.sold(sold.next()) : SaleOutcome.SOLD_OUT);
        }
        return outcomes;
    }

    private static Uni<List<SaleOutcome>> all(SaleOutcome outcome, List<SaleRequest> requests) {
        return Uni.createFrom().item(Collections.nCopies(requests.size(), outcome));
    }
}
