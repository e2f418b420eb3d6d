package org.fundrbolt.tickets.platform.rest;

import org.fundrbolt.tickets.platform.problem.DomainException;

/**
 * The {@code If-Match} precondition of API.md's PATCH and DELETE, read the same way by every service:
 * {@code "3"}, {@code W/"3"} or {@code 3} expect version 3; no header or {@code *} (RFC 9110: any current
 * representation) expects nothing; anything else can never match and answers 412.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version the client expects, or {@code null} when it expects none. */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new DomainException(412, "version_conflict", "If-Match must carry the version, e.g. \"3\".");
        }
    }
}
