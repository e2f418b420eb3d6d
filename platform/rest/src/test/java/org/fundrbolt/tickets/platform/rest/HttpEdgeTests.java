package org.fundrbolt.tickets.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpEdgeTests {

    @Test
    void echoesAPrintableRequestId() {
        assertThat(HttpEdge.requestIdFor("abc-123")).isEqualTo("abc-123");
    }

    @Test
    void replacesMissingOverlongOrUnprintableRequestIds() {
        assertThat(HttpEdge.requestIdFor(null)).hasSize(36);
        assertThat(HttpEdge.requestIdFor("a".repeat(201))).hasSize(36);
        assertThat(HttpEdge.requestIdFor("bad id")).hasSize(36);
        assertThat(HttpEdge.requestIdFor("bad\u0000")).hasSize(36);
    }
}
