package org.fundrbolt.tickets.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/** One immutable line of the audit log: one changed field of a package or option of a package with sales. */
public record AuditEntry(UUID id, UUID eventId, UUID packageId, String entityType, UUID entityId, String action,
        String fieldName, String oldValue, String newValue, UUID userId, Instant createdAt) {

    public static final String PACKAGE = "ticket_package";
    public static final String OPTION = "custom_option";
}
