package org.fundrbolt.tickets.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9457 problem+json body of API.md, built in one place for every service and the gateway:
 * {@code type} and {@code title} follow from the stable {@code code}, so one code always reads the same.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://docs.fundrbolt.org/problems/";

    /** The title of each code of API.md ("Error codes"); a code not listed falls back to its HTTP status. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("validation_failed", "Validation failed"),
            Map.entry("unknown_field", "Unknown field"),
            Map.entry("malformed_json", "Malformed JSON"),
            Map.entry("unauthenticated", "Authentication required"),
            Map.entry("forbidden", "Forbidden"),
            Map.entry("package_not_found", "Ticket package not found"),
            Map.entry("option_not_found", "Custom option not found"),
            Map.entry("promo_not_found", "Promo code not found"),
            Map.entry("promo_code_not_found", "Promo code not found"),
            Map.entry("promo_code_expired", "Promo code not valid now"),
            Map.entry("promo_code_exhausted", "Promo code used up"),
            Map.entry("promo_code_not_applicable", "Promo code not applicable"),
            Map.entry("promo_code_exists", "Promo code already exists"),
            Map.entry("option_limit_reached", "Option limit reached"),
            Map.entry("invalid_reorder", "Invalid reorder"),
            Map.entry("invalid_option_response", "Invalid option response"),
            Map.entry("quantity_below_sold", "Quantity below sold"),
            Map.entry("sold_out", "Sold out"),
            Map.entry("version_conflict", "Version conflict"),
            Map.entry("unsupported_image", "Unsupported image"),
            Map.entry("image_too_large", "Image too large"),
            Map.entry("payload_too_large", "Payload too large"),
            Map.entry("rate_limited", "Too many requests"),
            Map.entry("dependency_unavailable", "Dependency unavailable"),
            Map.entry("idempotency_key_reused", "Idempotency key reused"),
            Map.entry("invalid_idempotency_key", "Invalid idempotency key"),
            Map.entry("already_checked_in", "Already checked in"),
            Map.entry("invalid_ticket_code", "Invalid ticket code"),
            Map.entry("ticket_not_found", "Ticket not found"),
            Map.entry("purchase_not_found", "Purchase not found"),
            Map.entry("not_found", "Not found"),
            Map.entry("method_not_allowed", "Method not allowed"),
            Map.entry("unsupported_media_type", "Unsupported media type"),
            Map.entry("ticket_cancelled", "Ticket cancelled"),
            Map.entry("not_checked_in", "Not checked in"),
            Map.entry("not_on_sale", "Not on sale"),
            Map.entry("invalid_quantity", "Invalid quantity"),
            Map.entry("no_email_address", "No email address"),
            Map.entry("internal_error", "Internal server error"),
            // The gateway's own refusals of a request it cannot read as asked (not in API.md's list yet).
            Map.entry("invalid_path", "Invalid path"),
            Map.entry("uri_too_long", "URI too long"),
            Map.entry("headers_too_large", "Headers too large"));

    /** RFC 9110 reason phrases, for codes outside the table. */
    private static final Map<Integer, String> STATUS_TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private Problem() {
    }

    public static String title(int status, String code) {
        String title = TITLES.get(code);
        if (title != null) {
            return title;
        }
        return STATUS_TITLES.getOrDefault(status, status >= 500 ? "Server Error" : "Client Error");
    }

    public static Map<String, Object> body(DomainException e) {
        return body(e.status(), e.code(), e.getMessage(), e.errors(), e.extensions());
    }

    public static Map<String, Object> body(int status, String code, String detail) {
        return body(status, code, detail, List.of(), Map.of());
    }

    public static Map<String, Object> body(int status, String code, String detail,
            List<DomainException.FieldError> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.replace('_', '-'));
        body.put("title", title(status, code));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        if (!errors.isEmpty()) {
            // Plain maps, not records: the gateway encodes bodies with Vert.x's JsonObject, not Jackson.
            body.put("errors", errors.stream()
                    .map(Problem::entry).toList());
        }
        body.putAll(extensions);
        return body;
    }

    private static Map<String, String> entry(DomainException.FieldError error) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("field", error.field());
        entry.put("message", error.message());
        return entry;
    }
}
