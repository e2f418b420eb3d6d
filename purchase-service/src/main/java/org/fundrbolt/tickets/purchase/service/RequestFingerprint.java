package org.fundrbolt.tickets.purchase.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import org.fundrbolt.tickets.purchase.domain.PurchaseOrder;

/** What makes two checkout bodies "the same" for an Idempotency-Key: a digest of their meaning. */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(UUID eventId, PurchaseOrder order) {
        StringBuilder canonical = new StringBuilder()
                .append(eventId).append('|').append(order.packageId()).append('|').append(order.quantity())
                .append('|').append(order.promoCode() == null ? "" : order.promoCode().trim().toUpperCase(Locale.ROOT));
        order.answers().stream()
                .sorted(Comparator.comparing(answer -> String.valueOf(answer.optionId())))
                .forEach(answer -> canonical.append('|').append(answer.optionId()).append('=').append(answer.value()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
