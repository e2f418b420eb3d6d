package org.fundrbolt.tickets.purchase.rest;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.platform.text.Text;

/** The query parameters of the paged lists (API.md, "Conventions": page from 0, size 1–200) and their searches. */
final class QueryParams {

    private QueryParams() {
    }

    static int page(String text) {
        return number("page", text, 0, Integer.MAX_VALUE / 200);
    }

    static int size(String text) {
        return number("size", text, 1, 200);
    }

    /** A search text {@code q}: 1–100 characters once trimmed, or null when absent or empty. */
    static String search(String query) {
        String q = query == null || query.isEmpty() ? null : query.trim();
        if (q != null && (q.isEmpty() || q.length() > 100 || !Text.storable(q))) {
            throw DomainException.validation("q", "q must be 1 to 100 characters");
        }
        return q;
    }

    private static int number(String field, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw DomainException.validation(field, field + " must be a whole number from " + min + " to " + max);
    }
}
