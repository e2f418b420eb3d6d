package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class MetricUrisTests {

    private final String event = UUID.randomUUID().toString();
    private final String pkg = UUID.randomUUID().toString();

    @Test
    void labelsRoutesByTemplateNeverByIdOrCode() {
        assertThat(MetricUris.template("/api/v1/events/" + event + "/promo-codes/GALA20/validate"))
                .isEqualTo("/api/v1/events/{event_id}/promo-codes/{code}/validate");
        assertThat(MetricUris.template("/api/v1/admin/events/" + event + "/tickets/packages/" + pkg + "/options"))
                .isEqualTo("/api/v1/admin/events/{id}/tickets/packages/{id}/options");
        assertThat(MetricUris.template("/api/v1/events/" + event + "/tickets/purchase"))
                .isEqualTo("/api/v1/events/{id}/tickets/purchase");
        assertThat(MetricUris.template("/images/" + event + "/" + pkg + "/a.png")).isEqualTo("/images/{path}");
        assertThat(MetricUris.template("/api/v1/nothing/GALA20")).isEqualTo("/unrouted");
        assertThat(MetricUris.template("/internal/v1/redemptions/" + pkg)).isEqualTo("/unrouted");
        assertThat(MetricUris.template("/admin/")).isEqualTo("/admin/");
    }
}
