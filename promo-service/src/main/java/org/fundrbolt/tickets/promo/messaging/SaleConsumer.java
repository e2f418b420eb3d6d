package org.fundrbolt.tickets.promo.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;
import org.fundrbolt.tickets.promo.service.RedemptionService;

import io.smallrye.mutiny.Uni;

/**
 * Settles redemptions from {@code purchase.sales}: a {@code ticket_sold} confirms the purchase's use (reconciliation
 * must then never release it), a {@code tickets_cancelled} that cancels the whole purchase returns it. Both are
 * idempotent by the application's status, which changes only forward (the status is the record of what was
 * processed, so a repeated event, or one the synchronous return already applied, changes nothing) and
 * acknowledged after the write; a database failure is retried in place, so neither is lost to a blink.
 */
@ApplicationScoped
public class SaleConsumer {

    private static final String CHANNEL = "purchase-sales";

    private final RedemptionService redemptions;
    private final ConsumerPolicy policy;

    public SaleConsumer(RedemptionService redemptions, ConsumerPolicy policy) {
        this.redemptions = redemptions;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onSale(String json) {
        return policy.apply(CHANNEL, () -> apply(EventJson.read(json, SaleEvent.class)));
    }

    private Uni<Void> apply(SaleEvent event) {
        if (event.eventType() == null || SaleEvent.TICKET_SOLD.equals(event.eventType())) {
            EventJson.require(event.purchaseId() != null, "A sale event needs a purchase_id");
            return redemptions.confirm(event.purchaseId()).replaceWithVoid();
        }
        if (SaleEvent.TICKETS_CANCELLED.equals(event.eventType())) {
            EventJson.require(event.purchaseId() != null && event.purchaseCancelled() != null,
                    "A cancellation event needs a purchase_id and purchase_cancelled");
            // A partial cancellation keeps the use (API.md, "Order lifecycle").
            return event.purchaseCancelled() ? redemptions.returnUse(event.purchaseId()) : Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem();
    }
}
