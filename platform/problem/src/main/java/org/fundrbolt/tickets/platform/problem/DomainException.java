package org.fundrbolt.tickets.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A rule said no: carries the HTTP status and the stable API {@code code} of API.md, and is turned
 * into problem+json by the platform's one mapper.
 */
public class DomainException extends RuntimeException {

    /** One broken field of a validation failure. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public DomainException(int status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public DomainException(int status, String code, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        // No stack trace: these are answers, not failures, and they are thrown on every refused request.
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public static DomainException validation(List<FieldError> errors) {
        return new DomainException(422, "validation_failed", "The request breaks "
                + (errors.size() == 1 ? "a rule" : errors.size() + " rules") + "; see errors.",
                errors, Map.of());
    }

    public static DomainException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static DomainException notFound(String code, String detail) {
        return new DomainException(404, code, detail);
    }

    public static DomainException conflict(String code, String detail) {
        return new DomainException(409, code, detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "forbidden", detail);
    }

    public static DomainException dependencyUnavailable(String dependency) {
        return new DomainException(503, "dependency_unavailable",
                dependency + " is not reachable right now; nothing was changed. Try again shortly.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
