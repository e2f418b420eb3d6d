package org.fundrbolt.tickets.catalog.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Browsers cannot set headers on an EventSource, so the sales stream alone also takes the token
 * as {@code ?access_token=}; it is moved into {@code Authorization} before authentication runs.
 */
@ApplicationScoped
public class StreamToken {

    void install(@Observes Router router) {
        router.routeWithRegex("/api/v1/admin/events/[^/]+/tickets/sales/stream").order(Integer.MIN_VALUE + 1)
                .handler(this::promote);
    }

    private void promote(RoutingContext ctx) {
        String token = ctx.request().getParam("access_token");
        if (token != null && !token.isBlank() && ctx.request().getHeader("Authorization") == null) {
            ctx.request().headers().set("Authorization", "Bearer " + token);
        }
        ctx.next();
    }
}
