package org.fundrbolt.tickets.promo.service;

import java.util.UUID;

/** Body of the unlock call of catalog-service and purchase-service: which hidden packages the donor's code shows. */
public record UnlockRequest(UUID eventId, UUID donorId, String code) {
}
