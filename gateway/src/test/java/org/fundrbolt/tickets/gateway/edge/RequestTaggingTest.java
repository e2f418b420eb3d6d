package org.fundrbolt.tickets.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestTaggingTest {

    @Test
    void generatesRequestIdWhenHeaderIsMissing() {
        assertDoesNotThrow(() -> UUID.fromString(RequestTagging.requestIdFor(null)));
    }

    @Test
    void generatesFreshRequestIdForEveryRequest() {
        assertNotEquals(RequestTagging.requestIdFor(null), RequestTagging.requestIdFor(null));
    }

    @Test
    void echoesAcceptableRequestId() {
        assertEquals("trace-42", RequestTagging.requestIdFor("trace-42"));
        assertEquals("a".repeat(200), RequestTagging.requestIdFor("a".repeat(200)));
    }

    @Test
    void replacesEmptyRequestId() {
        assertGenerated("");
    }

    @Test
    void replacesRequestIdLongerThan200Characters() {
        assertGenerated("a".repeat(201));
    }

    @Test
    void replacesRequestIdWithSpacesOrControlCharacters() {
        assertGenerated("trace 42");
        assertGenerated("trace-42\r\nforged=1");
        assertGenerated("trace\t42");
    }

    @Test
    void replacesRequestIdWithNonAsciiCharacters() {
        assertGenerated("trace-é");
    }

    private static void assertGenerated(String offered) {
        String id = RequestTagging.requestIdFor(offered);
        assertNotEquals(offered, id);
        assertDoesNotThrow(() -> UUID.fromString(id));
    }
}
