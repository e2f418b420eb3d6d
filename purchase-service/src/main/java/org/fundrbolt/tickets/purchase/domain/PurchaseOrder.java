package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a buyer asks to buy, as sent and not yet checked (any field may be missing): at checkout the donor's
 * package, quantity, code, answers, gift and email. A coordinator order adds its {@link AdminTerms}.
 */
public record PurchaseOrder(UUID packageId, Integer quantity, String promoCode, List<OptionAnswer> answers,
        BigDecimal donationAmount, String email, AdminTerms admin) {

    public PurchaseOrder(UUID packageId, Integer quantity, String promoCode, List<OptionAnswer> answers) {
        this(packageId, quantity, promoCode, answers, null, null, null);
    }

    /** One answer to a custom question; its JSON type depends on the option type. */
    public record OptionAnswer(UUID optionId, JsonNode value) {
    }

    /**
     * What only a coordinator order carries (API.md, "Order lifecycle"): the payment (complimentary or offline),
     * an offline unit price, the donor it is for, the buyer's name and a note.
     */
    public record AdminTerms(String payment, BigDecimal unitPrice, UUID donorId, String name, String note) {
    }

    public BigDecimal donation() {
        return donationAmount == null ? Money.ZERO : Money.of(donationAmount);
    }
}
