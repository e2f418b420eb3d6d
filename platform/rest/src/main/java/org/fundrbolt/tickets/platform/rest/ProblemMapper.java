package org.fundrbolt.tickets.platform.rest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.platform.client.Instances;
import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.problem.DomainException.FieldError;
import org.fundrbolt.tickets.platform.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become RFC 9457 problem+json with a stable {@code code}; resources
 * never build error bodies, and no stack trace or class name ever leaves a service.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final EdgeTexts texts;

    public ProblemMapper(EdgeTexts texts) {
        this.texts = texts;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return response(e);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return response(new DomainException(400, "unknown_field", "Unknown field '" + e.getPropertyName()
                + "': this endpoint does not accept it.", List.of(new FieldError(e.getPropertyName(), "unknown field")),
                Map.of()));
    }

    /** More specific than Quarkus' own mapper of this type, which would answer without a code. */
    @ServerExceptionMapper
    public Response wrongJsonType(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return response(400, "malformed_json", malformedJsonDetail(e));
    }

    /**
     * What is wrong with a body, in the API's words: Jackson's own messages name Java types and classes
     * ({@code java.lang.Integer}, {@code StreamReadConstraints}), which never leave a service.
     */
    static String malformedJsonDetail(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "The body nests too deeply or holds a value that is too long.";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = fieldPath(mismatch.getPath());
            String expected = jsonKind(mismatch.getTargetType());
            if (field.isEmpty()) {
                return expected == null
                        ? "The body does not have the expected shape."
                        : "The body must be " + expected + ".";
            }
            return expected == null
                    ? "Field '" + field + "' does not have the expected type."
                    : "Field '" + field + "' must be " + expected + ".";
        }
        if (e instanceof JsonParseException && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").";
        }
        return "The body is not valid JSON of the expected shape.";
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The JSON kind a Java target type is read from, or null when it is not plain. */
    private static String jsonKind(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class || type == UUID.class || type.isEnum()
                || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return response(401, "unauthenticated", "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated(null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(403, "forbidden", "Your token does not allow this action.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return response(404, "not_found", "No such resource.");
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e) {
        return response(405, "method_not_allowed", "This method is not allowed on this path.");
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return response(415, "unsupported_media_type", texts.unsupportedMediaTypeDetail());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return response(413, texts.tooLargeCode(), texts.tooLargeDetail());
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return response(500, "internal_error", "Something went wrong on our side.");
        }
        String code = status == 400 ? "malformed_json" : status == 406 ? "not_acceptable" : "bad_request";
        // Not e.getMessage(): the framework's text may name a Java type or class.
        String detail = status == 400
                ? "The request could not be read."
                : status == 406
                        ? "This resource cannot answer in the media type asked for."
                        : "The request cannot be answered as sent.";
        return response(status, code, detail);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (unreachable(e)) {
            // A database or another service refused the connection (down, restarting): nothing was done, and it
            // is the dependency's state, not a bug of ours, so 503 and no stack trace.
            LOG.warnf("A dependency refused the connection: %s", e.toString());
            return response(DomainException.dependencyUnavailable("A service this request needs"));
        }
        LOG.error("Unexpected failure", e);
        return response(500, "internal_error", "Something went wrong on our side.");
    }

    /**
     * Whether the failure is a connection that could not be opened (refused, reset while connecting): the request
     * never reached the dependency, so nothing changed. A connection lost in the middle of a statement is not this
     * (its outcome is unknown, and the callers that may have committed answer it themselves).
     */
    static boolean unreachable(Throwable failure) {
        if (Instances.refused(failure)) {
            return true;
        }
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 10; cause = cause.getCause(), depth++) {
            if (CONNECT_TIME_SQL_STATES.contains(sqlState(cause))) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's refusals of a new session (57P03 cannot connect now: starting up or shutting down; 08001, 08004:
     * the connection could not be established or was rejected). Not 57P01/08006, which can end a statement midway.
     */
    private static final java.util.Set<String> CONNECT_TIME_SQL_STATES = java.util.Set.of("57P03", "08001", "08004");

    /**
     * The SQLSTATE of the reactive PostgreSQL client's exception, read by name: this module serves the gateway too,
     * which has no SQL client on its class path.
     */
    private static String sqlState(Throwable failure) {
        if (!"io.vertx.pgclient.PgException".equals(failure.getClass().getName())) {
            return "";
        }
        try {
            Object state = failure.getClass().getMethod("getSqlState").invoke(failure);
            return state == null ? "" : state.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    public static Response response(DomainException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(Problem.body(e));
        if (e.status() == 429 && e.extensions().containsKey("retry_after")) {
            builder.header("Retry-After", e.extensions().get("retry_after"));
        }
        return builder.build();
    }

    private static Response response(int status, String code, String detail) {
        return response(new DomainException(status, code, detail));
    }
}
