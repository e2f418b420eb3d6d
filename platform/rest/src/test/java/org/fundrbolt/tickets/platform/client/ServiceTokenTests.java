package org.fundrbolt.tickets.platform.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceTokenTests {

    @Test
    void splitsAConfiguredListIntoSeparateAudiences() {
        assertThat(ServiceToken.audiences("fundrbolt-tickets, fundrbolt-internal"))
                .containsExactly("fundrbolt-tickets", "fundrbolt-internal");
    }

    @Test
    void keepsASingleAudienceWhole() {
        assertThat(ServiceToken.audiences("fundrbolt-tickets")).containsExactly("fundrbolt-tickets");
    }
}
