package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestScreeningTest {

    private final RequestScreening screening = new RequestScreening(null, 4096, 20480,
            List.of("http://localhost:5173"));

    @Test
    void acceptsPlainPaths() {
        for (String path : List.of("/api/v1/me/tickets", "/images/a/b.png", "/admin/", "/checkout/x", "/a.b/c..d",
                "/api/v1/events/x/promo-codes/GALA%2020/validate")) {
            assertThat(RequestScreening.isCanonical(path)).as(path).isTrue();
        }
    }

    @Test
    void refusesSpellingsThatNormaliseToAnotherPath() {
        for (String path : List.of("/images/../q/metrics", "/a/./b", "//api", "/a//b", "/a/..", "/a/.", "/a\\b",
                "/a%2e%2e/b", "/%2E%2E/q", "/a%2fb", "/a%2Fb", "/a%5cb", "/a%00", "/a%0d%0a", "relative", "/a b")) {
            assertThat(RequestScreening.isCanonical(path)).as(path).isFalse();
        }
    }

    @Test
    void allowsConfiguredAndOwnOriginsOnly() {
        assertThat(screening.isAllowedOrigin("http://localhost:5173", "gateway:8080")).isTrue();
        assertThat(screening.isAllowedOrigin("https://tickets.example", "tickets.example")).isTrue();
        assertThat(screening.isAllowedOrigin("https://evil.example", "tickets.example")).isFalse();
        assertThat(screening.isAllowedOrigin("null", "tickets.example")).isFalse();
        assertThat(screening.isAllowedOrigin("https://tickets.example/path", "tickets.example")).isFalse();
    }
}
