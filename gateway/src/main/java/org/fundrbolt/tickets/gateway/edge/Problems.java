package org.fundrbolt.tickets.gateway.edge;

import java.util.List;
import java.util.Map;

import org.fundrbolt.tickets.platform.problem.Problem;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The problem+json answers that the gateway gives itself, with the stable codes of API.md; the body is the
 * platform's {@link Problem}, the same as every service writes.
 */
public final class Problems {

    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

    private Problems() {
    }

    public static String body(int status, String code, String detail, Map<String, Object> extra) {
        return new JsonObject(Problem.body(status, code, detail, List.of(), extra)).encode();
    }

    public static void send(RoutingContext ctx, int status, String code, String detail) {
        send(ctx, status, code, detail, Map.of());
    }

    public static void send(RoutingContext ctx, int status, String code, String detail,
            Map<String, Object> extra) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .end(body(status, code, detail, extra));
    }

    public static void notFound(RoutingContext ctx) {
        send(ctx, 404, "not_found", "No such resource.");
    }

    public static void unauthenticated(RoutingContext ctx) {
        send(ctx, 401, "unauthenticated", "A valid bearer token is required.");
    }

    public static void forbidden(RoutingContext ctx, String detail) {
        send(ctx, 403, "forbidden", detail);
    }
}
