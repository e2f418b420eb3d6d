package org.fundrbolt.tickets.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.ext.web.RoutingContext;

/** Gives every request an {@code X-Request-Id} (the caller's when acceptable) and writes its access-log line. */
@ApplicationScoped
public class RequestTagging {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger ACCESS = Logger.getLogger("gateway.access");
    // Printable ASCII and bounded, so a caller's id can neither break a log line nor bloat a header.
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    public void handle(RoutingContext ctx) {
        String offered = ctx.request().getHeader(REQUEST_ID);
        String requestId = requestIdFor(offered);
        if (!requestId.equals(offered)) {
            // The services read the id from the forwarded header, so they log the same id as the gateway.
            ctx.request().headers().set(REQUEST_ID, requestId);
        }
        ctx.put(REQUEST_ID, requestId);
        ctx.response().putHeader(REQUEST_ID, requestId);
        long started = System.nanoTime();
        ctx.addEndHandler(done -> ACCESS.infof("request_id=%s %s %s status=%d %.1fms", requestId,
                ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
                (System.nanoTime() - started) / 1e6));
        ctx.next();
    }

    static String requestIdFor(String offered) {
        return offered != null && ACCEPTABLE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
