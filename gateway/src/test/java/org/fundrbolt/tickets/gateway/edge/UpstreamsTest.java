package org.fundrbolt.tickets.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class UpstreamsTest {

    private static final String STREAM = "/api/v1/admin/events/e1/tickets/sales/stream";

    @Test
    void answersLocationOnTheGatewaysOriginNotTheService() {
        assertEquals("/api/v1/admin/events/e1/tickets/packages/p1",
                Upstreams.relativeLocation("http://127.0.0.1:8081/api/v1/admin/events/e1/tickets/packages/p1"));
        assertEquals("/api/v1/x?a=1", Upstreams.relativeLocation("http://catalog-service:8081/api/v1/x?a=1"));
        assertEquals("/api/v1/already/relative", Upstreams.relativeLocation("/api/v1/already/relative"));
    }

    @Test
    void stripsAccessTokenFromForwardedUri() {
        assertEquals(STREAM, Upstreams.withoutAccessToken(STREAM + "?access_token=eyJ.abc.def"));
    }

    @Test
    void keepsOtherQueryParametersWhenStrippingAccessToken() {
        assertEquals(STREAM + "?a=1&b=2", Upstreams.withoutAccessToken(STREAM + "?a=1&access_token=t&b=2"));
        assertEquals(STREAM + "?b=2", Upstreams.withoutAccessToken(STREAM + "?access_token=t&b=2"));
        assertEquals(STREAM + "?a=1", Upstreams.withoutAccessToken(STREAM + "?a=1&access_token=t"));
    }

    @Test
    void stripsEveryAccessTokenParameter() {
        assertEquals(STREAM + "?a=1", Upstreams.withoutAccessToken(STREAM + "?access_token=t&a=1&access_token=u"));
    }

    @Test
    void stripsEmptyAccessToken() {
        assertEquals(STREAM, Upstreams.withoutAccessToken(STREAM + "?access_token="));
    }

    @Test
    void leavesUriWithoutAccessTokenUnchanged() {
        assertEquals("/images/abc.png?w=100", Upstreams.withoutAccessToken("/images/abc.png?w=100"));
        assertEquals("/images/abc.png", Upstreams.withoutAccessToken("/images/abc.png"));
    }

    @Test
    void keepsParameterThatOnlyEndsInAccessToken() {
        assertEquals(STREAM + "?my_access_token=t", Upstreams.withoutAccessToken(STREAM + "?my_access_token=t"));
    }

    @Test
    void keepsAccessTokenTextInThePath() {
        assertEquals("/api/v1/access_token=x?a=1", Upstreams.withoutAccessToken("/api/v1/access_token=x?a=1"));
    }

    @Test
    void disablesIdleTimeoutForSalesStream() {
        assertEquals(0, Upstreams.idleTimeoutMillis(STREAM, Duration.ofSeconds(30)));
    }

    @Test
    void usesUpstreamTimeoutAsIdleTimeoutForOtherPaths() {
        assertEquals(30_000,
                Upstreams.idleTimeoutMillis("/api/v1/admin/events/e1/tickets/sales", Duration.ofSeconds(30)));
        assertEquals(30_000, Upstreams.idleTimeoutMillis("/api/v1/events/e1/tickets/purchase", Duration.ofSeconds(30)));
    }
}
