package org.fundrbolt.tickets.catalog.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.catalog.service.SalesService;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Feeds {@code purchase.sales} into the sales projection, one transaction per poll; the batch is
 * acknowledged only after that transaction committed. An unreadable record goes to the DLQ and
 * never stops the partition.
 */
@ApplicationScoped
public class SalesConsumer {

    private static final Logger LOG = Logger.getLogger(SalesConsumer.class);
    static final ObjectMapper EVENTS = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private final SalesService sales;
    private final MutinyEmitter<String> deadLetters;

    public SalesConsumer(SalesService sales, @Channel("purchase-sales-dlq") MutinyEmitter<String> deadLetters) {
        this.sales = sales;
        this.deadLetters = deadLetters;
    }

    @Incoming("purchase-sales")
    public Uni<Void> consume(List<String> records) {
        List<SaleEvent> batch = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String record : records) {
            SaleEvent sale = read(record);
            if (sale == null) {
                unreadable.add(record);
            } else if ("ticket_sold".equals(sale.eventType())) {
                batch.add(sale);
            }
        }
        return Multi.createFrom().iterable(unreadable)
                .onItem().transformToUniAndConcatenate(record -> deadLetters.send(record == null ? "" : record))
                .collect().last()
                .chain(() -> sales.apply(batch));
    }

    private static SaleEvent read(String record) {
        try {
            SaleEvent sale = record == null ? null : EVENTS.readValue(record, SaleEvent.class);
            if (sale == null || sale.purchaseId() == null || sale.packageId() == null || sale.eventId() == null
                    || sale.totalPrice() == null) {
                throw new IllegalArgumentException("missing ids or total_price");
            }
            return sale;
        } catch (Exception e) {
            LOG.warnf("Unreadable purchase.sales record sent to the DLQ: %s", e.getMessage());
            return null;
        }
    }
}
