package org.fundrbolt.tickets.purchase.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.domain.PurchaseOrder;
import org.fundrbolt.tickets.purchase.domain.PurchaseOrder.OptionAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What makes two checkout bodies "the same" for an Idempotency-Key: a digest of their meaning. The order of
 * the answers and of a multi_select's choices means nothing, so both are sorted; the body is not checked yet
 * (the package comes first), so a missing or null part is taken as it is.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(UUID eventId, PurchaseOrder order) {
        StringBuilder canonical = new StringBuilder()
                .append(eventId).append('|').append(order.packageId()).append('|').append(order.quantity())
                .append('|').append(order.promoCode() == null ? "" : order.promoCode().trim().toUpperCase(Locale.ROOT));
        order.answers().stream().map(RequestFingerprint::canonical).sorted()
                .forEach(answer -> canonical.append('|').append(answer));
        // Added later: left out when absent, so the fingerprints of keys stored before them stay the same.
        if (order.donationAmount() != null && order.donationAmount().signum() != 0) {
            canonical.append("|donation=").append(order.donationAmount().stripTrailingZeros().toPlainString());
        }
        if (order.email() != null) {
            canonical.append("|email=").append(order.email().trim().toLowerCase(Locale.ROOT));
        }
        if (order.admin() != null) {
            var admin = order.admin();
            canonical.append("|admin=").append(admin.payment()).append('|')
                    .append(admin.unitPrice() == null ? "" : admin.unitPrice().stripTrailingZeros().toPlainString())
                    .append('|').append(admin.donorId()).append('|').append(admin.name()).append('|')
                    .append(admin.note());
        }
        return digest(canonical.toString());
    }

    /** The stored form of a request's canonical text: its SHA-256, in hex. */
    static String digest(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String canonical(OptionAnswer answer) {
        return answer == null ? "null" : answer.optionId() + "=" + canonical(answer.value());
    }

    /** An array's elements in sorted order, anything else as sent (JSON text, or "null" when missing). */
    private static String canonical(JsonNode value) {
        if (value == null || !value.isArray()) {
            return String.valueOf(value);
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        elements.sort((left, right) -> left.toString().compareTo(right.toString()));
        ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
        elements.forEach(sorted::add);
        return sorted.toString();
    }
}
