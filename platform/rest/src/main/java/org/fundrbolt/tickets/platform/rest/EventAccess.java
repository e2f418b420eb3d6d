package org.fundrbolt.tickets.platform.rest;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.fundrbolt.tickets.platform.problem.DomainException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The event-scope rule of API.md: a {@code super_admin} may act on every event, an
 * {@code event_coordinator} only on the events listed in the token's {@code events} claim.
 */
@RequestScoped
public class EventAccess {

    public static final String COORDINATOR = "event_coordinator";
    public static final String SUPER_ADMIN = "super_admin";
    public static final String DONOR = "donor";
    public static final String SERVICE = "service";
    /** Check-in only, for the events in its {@code events} claim (API.md, "Door operations"). */
    public static final String DOOR_STAFF = "door_staff";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public EventAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** Parses a path event id (404 {@code not_found} when it is no UUID) and checks the caller may administer it. */
    public UUID administer(String eventIdText) {
        UUID eventId = Ids.parse(eventIdText, "not_found", "event");
        if (identity.hasRole(SUPER_ADMIN)) {
            return eventId;
        }
        if (identity.hasRole(COORDINATOR) && coordinatedEvents().contains(eventId.toString())) {
            return eventId;
        }
        throw DomainException.forbidden("Your token does not allow administering event " + eventId + ".");
    }

    /**
     * As {@link #administer(String)}, for the door endpoints: door staff of the event may use them too. Every
     * other admin endpoint stays closed to a door_staff token (its {@code @RolesAllowed} leaves the role out).
     */
    public UUID door(String eventIdText) {
        UUID eventId = Ids.parse(eventIdText, "not_found", "event");
        if (identity.hasRole(SUPER_ADMIN)) {
            return eventId;
        }
        if ((identity.hasRole(COORDINATOR) || identity.hasRole(DOOR_STAFF))
                && coordinatedEvents().contains(eventId.toString())) {
            return eventId;
        }
        throw DomainException.forbidden("Your token does not allow the door of event " + eventId + ".");
    }

    /** The caller's user id ({@code sub}). */
    public UUID userId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (RuntimeException e) {
            throw new DomainException(401, "unauthenticated", "The token's subject is not a user id.");
        }
    }

    /** The token's {@code email} claim, or null when it carries none. */
    public String email() {
        Object claim = token.getClaim("email");
        if (claim instanceof jakarta.json.JsonString text) {
            return text.getString();
        }
        return claim instanceof String text && !text.isBlank() ? text : null;
    }

    private Set<String> coordinatedEvents() {
        Object claim = token.getClaim("events");
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(value -> value.getString().toLowerCase()).collect(java.util.stream.Collectors.toSet());
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(value -> String.valueOf(value).replace("\"", "").toLowerCase())
                    .collect(java.util.stream.Collectors.toSet());
        }
        return Set.of();
    }
}
