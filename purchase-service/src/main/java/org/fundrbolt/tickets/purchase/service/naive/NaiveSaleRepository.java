package org.fundrbolt.tickets.purchase.service.naive;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.purchase.domain.Stock;
import org.fundrbolt.tickets.purchase.domain.StockClaim;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** BENCHMARK BASELINE ONLY: the naive sale's own statements, an unlocked read and a write conditional on its version. */
@ApplicationScoped
public class NaiveSaleRepository {

    private static final String READ = "SELECT name, quantity_limit, enabled, deleted, fair_market_value, sold_count, "
            + "version, unit_price, " + org.fundrbolt.tickets.purchase.repository.SalesRulesColumns.COLUMNS
            + ", date_trunc('milliseconds', clock_timestamp()) AS claimed_at FROM inventory WHERE package_id = $1";
    private static final String CLAIM_IF_UNCHANGED = "UPDATE inventory SET sold_count = sold_count + $2, "
            + "version = version + 1, tickets_sold = tickets_sold + $4, revenue = revenue + $5, "
            + "donations = donations + $6, updated_at = now() WHERE package_id = $1 AND version = $3 "
            + "RETURNING sold_count, version, tickets_sold, revenue, refunded, donations, cancelled_tickets";

    public Uni<Optional<Stock>> read(SqlConnection connection, UUID packageId) {
        return connection.preparedQuery(READ).execute(Tuple.of(packageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stock(rows.iterator().next())));
    }

    /** Adds {@code quantity} to sold_count if the row is still at {@code version}; empty if another sale came first. */
    public Uni<Optional<StockClaim>> claimIfUnchanged(SqlConnection connection, UUID packageId, int quantity,
            long version, long tickets, java.math.BigDecimal revenue, java.math.BigDecimal donations) {
        return connection.preparedQuery(CLAIM_IF_UNCHANGED)
                .execute(Tuple.of(packageId, quantity, version, tickets, revenue, donations))
                .map(SaleRepository::claimed);
    }

    private static Stock stock(Row row) {
        return SaleRepository.stock(row);
    }
}
