package org.fundrbolt.tickets.platform.outbox;

/** One event to publish: its topic, its key (the aggregate id, which keeps per-aggregate order) and its JSON. */
public record OutboxMessage(String topic, String key, String payload) {
}
