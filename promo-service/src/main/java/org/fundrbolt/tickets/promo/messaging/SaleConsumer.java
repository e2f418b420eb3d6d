package org.fundrbolt.tickets.promo.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.platform.consumer.ConsumerPolicy;
import org.fundrbolt.tickets.platform.consumer.EventJson;
import org.fundrbolt.tickets.promo.service.RedemptionService;

import io.smallrye.mutiny.Uni;

/**
 * Confirms redemptions from {@code purchase.sales}: once the sale is recorded, reconciliation must never
 * release its use. Idempotent (only a 'redeemed' application changes), acknowledged after the write; a
 * database failure is retried in place, so a confirmation is never lost to a blink.
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
        return policy.apply(CHANNEL, () -> apply(EventJson.read(json, TicketSold.class)));
    }

    private Uni<Void> apply(TicketSold sale) {
        if (sale.eventType() != null && !"ticket_sold".equals(sale.eventType())) {
            return Uni.createFrom().voidItem();
        }
        EventJson.require(sale.purchaseId() != null, "A sale event needs a purchase_id");
        return redemptions.confirm(sale.purchaseId()).replaceWithVoid();
    }
}
