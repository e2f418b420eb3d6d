package org.fundrbolt.tickets.promo.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** A ticket package as last seen on {@code catalog.packages}. */
public record KnownPackage(UUID packageId, UUID eventId, BigDecimal price, boolean deleted, long version) {
}
