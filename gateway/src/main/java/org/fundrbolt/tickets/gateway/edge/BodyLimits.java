package org.fundrbolt.tickets.gateway.edge;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Route;

import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body that announces more bytes than its route allows, before a byte of it is forwarded (and before
 * Quarkus' own limit would answer with an empty 413).
 */
@ApplicationScoped
public class BodyLimits {

    /** Why a body is refused, with the problem+json of API.md that says so. */
    enum Refusal {

        LENGTH_NOT_A_NUMBER(400, "malformed_json", "Content-Length is not a number."), IMAGE_TOO_LARGE(413,
                "image_too_large", "Images may be at most 5 MiB."), PAYLOAD_TOO_LARGE(413, "payload_too_large",
                        "JSON bodies may be at most 1 MiB.");

        final int status;
        final String code;
        final String detail;

        Refusal(int status, String code, String detail) {
            this.status = status;
            this.code = code;
            this.detail = detail;
        }
    }

    private final long maxJsonBytes;
    private final long maxImageUploadBytes;

    @Inject
    public BodyLimits(GatewayConfig config) {
        this(config.maxJsonBytes(), config.maxImageUploadBytes());
    }

    BodyLimits(long maxJsonBytes, long maxImageUploadBytes) {
        this.maxJsonBytes = maxJsonBytes;
        this.maxImageUploadBytes = maxImageUploadBytes;
    }

    /** Whether the request may go on; when not, the refusal has been answered. */
    public boolean admit(RoutingContext ctx, Route route) {
        return admit(ctx, route.kind());
    }

    /** The same for a path the edge does not route (the UI, the docs): it takes no more than a JSON body. */
    public boolean admitUnrouted(RoutingContext ctx) {
        return admit(ctx, Kind.API);
    }

    private boolean admit(RoutingContext ctx, Kind kind) {
        Optional<Refusal> refusal = refusal(ctx.request().getHeader("Content-Length"), kind);
        refusal.ifPresent(r -> {
            if (r.status == 413) {
                // The unread body is not drained: the connection ends with the answer.
                ctx.response().putHeader("Connection", "close");
            }
            Problems.send(ctx, r.status, r.code, r.detail);
        });
        return refusal.isEmpty();
    }

    Optional<Refusal> refusal(String contentLength, Kind kind) {
        if (contentLength == null) {
            return Optional.empty(); // chunked: the service's own body limit answers 413 as problem+json
        }
        long bytes;
        try {
            bytes = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Refusal.LENGTH_NOT_A_NUMBER);
        }
        if (bytes <= limitFor(kind)) {
            return Optional.empty();
        }
        return Optional.of(kind == Kind.IMAGE_UPLOAD ? Refusal.IMAGE_TOO_LARGE : Refusal.PAYLOAD_TOO_LARGE);
    }

    long limitFor(Kind kind) {
        return kind == Kind.IMAGE_UPLOAD ? maxImageUploadBytes : maxJsonBytes;
    }
}
