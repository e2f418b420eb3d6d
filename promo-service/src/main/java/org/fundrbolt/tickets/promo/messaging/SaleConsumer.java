package org.fundrbolt.tickets.promo.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.fundrbolt.tickets.promo.service.RedemptionService;

import io.smallrye.mutiny.Uni;

/**
 * Confirms redemptions from {@code purchase.sales}: once the sale is recorded, reconciliation must never
 * release its use. Idempotent (only a 'redeemed' application changes), acknowledged after the write.
 */
@ApplicationScoped
public class SaleConsumer {

    private final RedemptionService redemptions;

    public SaleConsumer(RedemptionService redemptions) {
        this.redemptions = redemptions;
    }

    @Incoming("purchase-sales")
    public Uni<Void> onSale(String json) {
        return Uni.createFrom().item(() -> EventJson.read(json, TicketSold.class)).chain(this::apply);
    }

    private Uni<Void> apply(TicketSold sale) {
        if (sale.eventType() != null && !"ticket_sold".equals(sale.eventType())) {
            return Uni.createFrom().voidItem();
        }
        if (sale.purchaseId() == null) {
            throw new IllegalArgumentException("A sale event needs a purchase_id");
        }
        return redemptions.confirm(sale.purchaseId()).replaceWithVoid();
    }
}
