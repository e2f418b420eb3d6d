package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.rest.model.PurchaseView.OptionResponseView;

/** One buyer's checked purchase, waiting to claim stock: everything but the stock is already settled. */
public record SaleRequest(UUID purchaseId, UUID eventId, UUID packageId, UUID donorId, int quantity,
        BigDecimal unitPrice, BigDecimal basePrice, BigDecimal discountAmount, BigDecimal totalPrice,
        String promoCode, UUID promoId, String idempotencyKey, String fingerprint,
        List<OptionResponseView> answers, List<String> optionTypes) {
}
