package org.fundrbolt.tickets.media.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
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
    private final long maxBodyBytes;

    public HttpEdge(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::tagRequest);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseDeclaredOversizedBody)
                .failureHandler(this::answerOversizedStream);
        router.errorHandler(404, ctx -> fail(ctx, 404, "not_found", "No such resource."));
        router.errorHandler(405, ctx -> fail(ctx, 405, "method_not_allowed", "This method is not allowed on this path."));
        // The only bodies this service accepts are image uploads, so an over-limit body is an image too large.
        router.errorHandler(413, ctx -> fail(ctx, 413, "image_too_large", "The image is larger than 5 MiB."));
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

    /** A body announced larger than the limit is refused before a byte of it is spooled to disk. */
    private void refuseDeclaredOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    fail(ctx, 413, "image_too_large", "The image is larger than 5 MiB.");
                    return;
                }
            } catch (NumberFormatException malformed) {
                // Vert.x itself rejects a malformed Content-Length.
            }
        }
        ctx.next();
    }

    /**
     * A chunked body that grows past the limit fails inside the multipart parser: that is the client's
     * mistake, answered here rather than logged as a server error.
     */
    private void answerOversizedStream(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        boolean tooLarge = ctx.statusCode() == 413 || (failure instanceof jakarta.ws.rs.WebApplicationException web
                && web.getResponse() != null && web.getResponse().getStatus() == 413);
        if (tooLarge) {
            fail(ctx, 413, "image_too_large", "The image is larger than 5 MiB.");
        } else {
            ctx.next();
        }
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
