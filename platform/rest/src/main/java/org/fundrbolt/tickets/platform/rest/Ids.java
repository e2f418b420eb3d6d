package org.fundrbolt.tickets.platform.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import org.fundrbolt.tickets.platform.problem.DomainException;

/** Path ids: a value that is not a UUID names no resource, so it answers the resource's 404 code. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static UUID parse(String text, String notFoundCode, String what) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw DomainException.notFound(notFoundCode, "No " + what + " with id '" + abbreviate(text) + "'.");
        }
        return UUID.fromString(text);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
