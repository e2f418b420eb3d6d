package org.fundrbolt.tickets.platform.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fundrbolt.tickets.platform.problem.Problem;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP plumbing below the REST layer: every response carries {@code X-Request-Id}, a body announced
 * larger than the limit is refused before it is read, and the failures that never reach a resource
 * (unknown path, wrong method, body too large) still answer problem+json, not Vert.x's plain pages.
 */
@ApplicationScoped
public class HttpEdge {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final ObjectMapper mapper;
    private final EdgeTexts texts;
    private final long maxBodyBytes;

    public HttpEdge(ObjectMapper mapper, EdgeTexts texts,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize) {
        this.mapper = mapper;
        this.texts = texts;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::tagRequest);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseDeclaredOversizedBody)
                .failureHandler(this::answerOversizedStream);
        router.errorHandler(404, ctx -> fail(ctx, 404, "not_found", "No such resource."));
        router.errorHandler(405,
                ctx -> fail(ctx, 405, "method_not_allowed", "This method is not allowed on this path."));
        router.errorHandler(413, ctx -> fail(ctx, 413, texts.tooLargeCode(), texts.tooLargeDetail()));
    }

    /** An id a client sent is kept when it is printable ASCII of sane length; otherwise a fresh one. */
    public static String requestIdFor(String sent) {
        return sent != null && ACCEPTABLE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    private void tagRequest(RoutingContext ctx) {
        String requestId = requestIdFor(ctx.request().getHeader(REQUEST_ID));
        ctx.put(REQUEST_ID, requestId);
        MDC.put("request_id", requestId);
        ctx.response().putHeader(REQUEST_ID, requestId);
        ctx.next();
    }

    private void refuseDeclaredOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    fail(ctx, 413, texts.tooLargeCode(), texts.tooLargeDetail());
                    return;
                }
            } catch (NumberFormatException malformed) {
                // Vert.x itself rejects a malformed Content-Length.
            }
        }
        ctx.next();
    }

    /** A chunked body that grows past the limit fails inside the body parser: the client's mistake, not ours. */
    private void answerOversizedStream(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        boolean tooLarge = ctx.statusCode() == 413 || (failure instanceof WebApplicationException web
                && web.getResponse() != null && web.getResponse().getStatus() == 413);
        if (tooLarge) {
            fail(ctx, 413, texts.tooLargeCode(), texts.tooLargeDetail());
        } else {
            ctx.next();
        }
    }

    private void fail(RoutingContext ctx, int status, String code, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(Problem.body(status, code, detail));
        } catch (JsonProcessingException impossible) {
            body = "{}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        String requestId = ctx.get(REQUEST_ID);
        if (requestId != null) {
            ctx.response().putHeader(REQUEST_ID, requestId);
        }
        ctx.response().end(body);
    }
}
