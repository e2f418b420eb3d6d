package org.fundrbolt.tickets.media.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP plumbing below the REST layer: every response carries {@code X-Request-Id}, and the
 * failures that never reach a resource (unknown path, wrong method, body too large) still
 * answer problem+json rather than Vert.x's plain-text pages.
 */
@ApplicationScoped
public class HttpEdge {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final ObjectMapper mapper;

    public HttpEdge(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::tagRequest);
        router.errorHandler(404, ctx -> fail(ctx, 404, "not_found", "No such resource."));
        router.errorHandler(405, ctx -> fail(ctx, 405, "method_not_allowed", "This method is not allowed on this path."));
        router.errorHandler(413, ctx -> fail(ctx, 413, "payload_too_large", "The body is larger than allowed."));
    }

    private void tagRequest(RoutingContext ctx) {
        String requestId = ctx.request().getHeader(REQUEST_ID);
        if (requestId == null || !ACCEPTABLE_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        ctx.put(REQUEST_ID, requestId);
        MDC.put("request_id", requestId);
        ctx.response().putHeader(REQUEST_ID, requestId);
        ctx.next();
    }

    private void fail(RoutingContext ctx, int status, String code, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String requestId = ctx.get(REQUEST_ID);
        String body;
        try {
            body = mapper.writeValueAsString(ProblemMapper.body(status, code, detail, List.of(), Map.of()));
        } catch (JsonProcessingException impossible) {
            body = "{}";
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", ProblemMapper.PROBLEM_JSON);
        if (requestId != null) {
            ctx.response().putHeader(REQUEST_ID, requestId);
        }
        ctx.response().end(body);
    }
}
