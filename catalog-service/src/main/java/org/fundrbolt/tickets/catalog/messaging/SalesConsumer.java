package org.fundrbolt.tickets.catalog.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.catalog.service.SalesService;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;
import org.fundrbolt.tickets.platform.consumer.UnreadableMessage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Feeds {@code purchase.sales} (sales and cancellations) into the sales projection, one transaction per poll,
 * acknowledged only after it committed. A failure of the database is retried in place (the platform's consumer
 * policy); an unreadable record, or one the database refuses as data, goes to the DLQ and the rest still apply.
 */
@ApplicationScoped
public class SalesConsumer {

    private static final String CHANNEL = "purchase-sales";

    private final SalesService sales;
    private final ConsumerPolicy policy;
    private final MutinyEmitter<String> deadLetters;

    public SalesConsumer(SalesService sales, ConsumerPolicy policy,
            @Channel("purchase-sales-dlq") MutinyEmitter<String> deadLetters) {
        this.sales = sales;
        this.policy = policy;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(List<String> records) {
        List<Sale> batch = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String record : records) {
            try {
                SaleEvent sale = read(record);
                if (sale != null) {
                    batch.add(new Sale(sale, record));
                }
            } catch (UnreadableMessage e) {
                policy.deadLettered(CHANNEL, e);
                unreadable.add(record == null ? "" : record);
            }
        }
        return deadLetter(unreadable).chain(() -> policy.apply(CHANNEL, () -> sales.apply(events(batch)))
                .onFailure(ConsumerPolicy::isPoison).recoverWithUni(() -> oneByOne(batch)));
    }

    /** A batch the database refused as data: apply its events one at a time, parking only the bad ones. */
    private Uni<Void> oneByOne(List<Sale> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem()
                .transformToUniAndConcatenate(sale -> policy.apply(CHANNEL, () -> sales.apply(List.of(sale.event())))
                        .onFailure(ConsumerPolicy::isPoison).recoverWithUni(() -> deadLetter(List.of(sale.record()))))
                .collect().last().replaceWithVoid();
    }

    /** An event with the record it was read from, which is what a DLQ keeps. */
    private record Sale(SaleEvent event, String record) {
    }

    private static List<SaleEvent> events(List<Sale> batch) {
        return batch.stream().map(Sale::event).toList();
    }

    private Uni<Void> deadLetter(List<String> records) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(deadLetters::send)
                .collect().last().replaceWithVoid();
    }

    /** The event if the projection applies its type (sales and cancellations), null for any other type. */
    private static SaleEvent read(String record) {
        SaleEvent sale = EventJson.read(record, SaleEvent.class);
        if (sale.isSale()) {
            EventJson.require(sale.purchaseId() != null && sale.packageId() != null && sale.eventId() != null
                    && sale.totalPrice() != null,
                    "A sale event needs purchase_id, package_id, event_id and total_price");
            return sale;
        }
        if (sale.isCancellation()) {
            // A cancellation only exists with the cumulative figures (nothing to add it to otherwise).
            EventJson.require(sale.packageId() != null && sale.eventId() != null && sale.hasCumulativeFigures(),
                    "A cancellation event needs package_id, event_id, revenue_after and tickets_after");
            return sale;
        }
        return null;
    }
}
