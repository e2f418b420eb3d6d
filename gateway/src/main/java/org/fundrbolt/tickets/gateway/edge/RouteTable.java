package org.fundrbolt.tickets.gateway.edge;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which service owns a public path of API.md, and who may call it. Anything not listed here,
 * and everything under {@code /internal}, is not routed.
 */
public final class RouteTable {

    /** The services behind the gateway. */
    public enum Service {
        CATALOG, PROMO, PURCHASE, MEDIA
    }

    /** Who may call a route: anyone, a donor, or an administrator of the path's event. */
    public enum Access {
        PUBLIC, DONOR, ADMIN, DOOR
    }

    /** What a route kind is, for rate limits and timeouts. */
    public enum Kind {
        API, CHECKOUT, PROMO_VALIDATE, SALES_STREAM, IMAGE_UPLOAD, IMAGES
    }

    /** A matched route; {@code eventId} is the path's event id text, when the path has one. */
    public record Route(Service service, Access access, Kind kind, String eventId) {
    }

    private record Rule(Pattern pattern, Service service, Access access, Kind kind) {
    }

    private static final String ID = "([^/]+)";
    private static final String ADMIN = "/api/v1/admin/events/" + ID + "/";

    private static final List<Rule> RULES = List.of(
            rule(ADMIN + "tickets/packages/[^/]+/image", Service.MEDIA, Access.ADMIN, Kind.IMAGE_UPLOAD),
            rule(ADMIN + "tickets/sales/stream", Service.CATALOG, Access.ADMIN, Kind.SALES_STREAM),
            rule(ADMIN + "tickets/(packages|sales)(/.*)?", Service.CATALOG, Access.ADMIN, Kind.API),
            // the door (API.md, "Door operations"): door staff of the event too, and nothing else for them
            rule(ADMIN + "tickets/(attendees|check-in|check-in/summary|check-ins|check-ins/[^/]+|door-list)",
                    Service.PURCHASE, Access.DOOR, Kind.API),
            rule(ADMIN + "tickets/(purchases|guests\\.csv|check-in)(/.*)?", Service.PURCHASE, Access.ADMIN, Kind.API),
            rule(ADMIN + "tickets/[^/]+/resend", Service.PURCHASE, Access.ADMIN, Kind.API),
            rule(ADMIN + "promo-codes(/.*)?", Service.PROMO, Access.ADMIN, Kind.API),
            rule("/api/v1/events/" + ID + "/tickets/packages", Service.CATALOG, Access.PUBLIC, Kind.API),
            rule("/api/v1/events/" + ID + "/promo-codes/[^/]+/validate", Service.PROMO, Access.DONOR,
                    Kind.PROMO_VALIDATE),
            rule("/api/v1/events/" + ID + "/tickets/purchase", Service.PURCHASE, Access.DONOR, Kind.CHECKOUT),
            rule("/api/v1/me/tickets(/.*)?", Service.PURCHASE, Access.DONOR, Kind.API),
            rule("/api/v1/tickets/signing-keys", Service.PURCHASE, Access.PUBLIC, Kind.API),
            rule("/images/.+", Service.MEDIA, Access.PUBLIC, Kind.IMAGES));

    private RouteTable() {
    }

    private static Rule rule(String regex, Service service, Access access, Kind kind) {
        return new Rule(Pattern.compile(regex), service, access, kind);
    }

    /** The route of a request path (without query), or empty when the gateway does not route it. */
    public static Optional<Route> match(String path) {
        if (path == null || path.startsWith("/internal") || path.contains("/internal/") || path.contains("..")) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(path);
            if (matcher.matches()) {
                String eventId = rule.pattern().pattern().contains(ID) && matcher.groupCount() >= 1
                        ? matcher.group(1)
                        : null;
                return Optional.of(new Route(rule.service(), rule.access(), rule.kind(), eventId));
            }
        }
        return Optional.empty();
    }
}
