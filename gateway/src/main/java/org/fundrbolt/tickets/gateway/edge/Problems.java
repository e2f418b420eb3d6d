package org.fundrbolt.tickets.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem+json answers that the gateway gives itself, with the stable codes of API.md. */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    public static String body(int status, String title, String code, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://docs.fundrbolt.org/problems/" + code.replace('_', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(extra);
        return new JsonObject(body).encode();
    }

    public static void send(RoutingContext ctx, int status, String title, String code, String detail) {
        send(ctx, status, title, code, detail, Map.of());
    }

    public static void send(RoutingContext ctx, int status, String title, String code, String detail,
            Map<String, Object> extra) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .end(body(status, title, code, detail, extra));
    }

    public static void notFound(RoutingContext ctx) {
        send(ctx, 404, "Not Found", "not_found", "No such resource.");
    }

    public static void unauthenticated(RoutingContext ctx) {
        send(ctx, 401, "Unauthorized", "unauthenticated", "A valid bearer token is required.");
    }

    public static void forbidden(RoutingContext ctx, String detail) {
        send(ctx, 403, "Forbidden", "forbidden", detail);
    }
}
