package org.fundrbolt.tickets.platform.consumer;

/**
 * A message that cannot be read or breaks its schema: retrying it can never succeed, so it is the one
 * failure a consumer sends to {@code <topic>.dlq}.
 */
public class UnreadableMessage extends RuntimeException {

    public UnreadableMessage(String message) {
        super(message);
    }

    public UnreadableMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
