package org.fundrbolt.tickets.catalog.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.catalog.service.DomainException;
import org.fundrbolt.tickets.catalog.service.DomainException.FieldError;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become RFC 9457 problem+json with a stable {@code code};
 * resources never build error bodies themselves, and no stack trace ever leaves the service.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return problem(e.status(), e.code(), e.getMessage(), e.errors(), e.extensions());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        return problem(DomainException.validation(errors));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return problem(400, "unknown_field", "Unknown field '" + e.getPropertyName()
                + "': this endpoint does not accept it.", List.of(new FieldError(e.getPropertyName(),
                        "unknown field")), Map.of());
    }

    /** More specific than Quarkus' own mapper of this type, which would answer without a code. */
    @ServerExceptionMapper
    public Response wrongJsonType(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return problem(400, "malformed_json", "The body is not valid JSON of the expected shape: "
                + e.getOriginalMessage(), List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return problem(401, "unauthenticated", "A valid bearer token is required.", List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated(null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Your token does not allow this action.", List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "not_found", "No such resource.", List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e) {
        return problem(405, "method_not_allowed", "This method is not allowed on this path.", List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return problem(415, "unsupported_media_type", "Send the body as application/json.", List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return problem(413, "payload_too_large", "The body is larger than 1 MiB.", List.of(), Map.of());
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return problem(500, "internal_error", "Something went wrong on our side.", List.of(), Map.of());
        }
        String code = status == 400 ? "malformed_json" : status == 406 ? "not_acceptable" : "bad_request";
        return problem(status, code, e.getMessage(), List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return problem(500, "internal_error", "Something went wrong on our side.", List.of(), Map.of());
    }

    private static Response problem(DomainException e) {
        return problem(e.status(), e.code(), e.getMessage(), e.errors(), e.extensions());
    }

    /** Builds the problem+json body; also used by the HTTP-level handlers of {@link HttpProblems}. */
    public static Response problem(int status, String code, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        Response.ResponseBuilder builder = Response.status(status).type(PROBLEM_JSON)
                .entity(body(status, code, detail, errors, extensions));
        if (status == 429 && extensions.containsKey("retry_after")) {
            builder.header("Retry-After", extensions.get("retry_after"));
        }
        return builder.build();
    }

    public static Map<String, Object> body(int status, String code, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://docs.fundrbolt.org/problems/" + code.replace('_', '-'));
        Response.Status known = Response.Status.fromStatusCode(status);
        body.put("title", known != null ? known.getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(extensions);
        return body;
    }

    /** {@code create.body.quantityLimit} becomes {@code quantity_limit}, the name clients send. */
    private static String fieldName(Path path) {
        String last = null;
        for (Path.Node node : path) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        if (last == null) {
            return "body";
        }
        return last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
