package org.fundrbolt.tickets.gateway.edge;

import java.util.Collection;
import java.util.Locale;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The role and event-scope rules of API.md, checked at the edge (the services check them again):
 * administration needs {@code super_admin}, or {@code event_coordinator} with the path's event in
 * the token's {@code events} claim; the door also admits {@code door_staff} of the event; donor paths need
 * {@code donor}.
 */
public final class EdgeAccess {

    private EdgeAccess() {
    }

    public static boolean mayAdminister(SecurityIdentity identity, String eventId) {
        if (identity.hasRole("super_admin")) {
            return true;
        }
        if (!identity.hasRole("event_coordinator") || eventId == null) {
            return false;
        }
        return coordinatedEvents(identity).stream()
                .anyMatch(event -> event.equalsIgnoreCase(eventId));
    }

    /** The door endpoints: whoever may administer the event, and its door staff. */
    public static boolean mayWorkTheDoor(SecurityIdentity identity, String eventId) {
        if (mayAdminister(identity, eventId)) {
            return true;
        }
        return identity.hasRole("door_staff") && eventId != null
                && coordinatedEvents(identity).stream().anyMatch(event -> event.equalsIgnoreCase(eventId));
    }

    public static boolean isDonor(SecurityIdentity identity) {
        return identity.hasRole("donor");
    }

    private static Collection<String> coordinatedEvents(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return java.util.List.of();
        }
        Object claim = token.getClaim("events");
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(value -> value.getString().toLowerCase(Locale.ROOT)).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(value -> String.valueOf(value).replace("\"", "")).toList();
        }
        return java.util.List.of();
    }
}
