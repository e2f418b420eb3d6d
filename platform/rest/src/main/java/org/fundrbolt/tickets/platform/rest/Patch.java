package org.fundrbolt.tickets.platform.rest;

import java.util.Set;

/** A PATCH body: the values sent, and which fields were present (absent = unchanged, null = clear). */
public record Patch<T>(T values, Set<String> fields) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
