package org.fundrbolt.tickets.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.junit.jupiter.api.Test;

class IfMatchTests {

    @Test
    void readsQuotedWeakAndBareVersions() {
        assertThat(IfMatch.expectedVersion("\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.expectedVersion("W/\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.expectedVersion(" 3 ")).isEqualTo(3L);
    }

    @Test
    void starMatchesAnyVersionLikeNoHeader() {
        assertThat(IfMatch.expectedVersion("*")).isNull();
        assertThat(IfMatch.expectedVersion(" * ")).isNull();
        assertThat(IfMatch.expectedVersion(null)).isNull();
        assertThat(IfMatch.expectedVersion("")).isNull();
    }

    @Test
    void unreadableVersionIsAPreconditionFailure() {
        assertThatThrownBy(() -> IfMatch.expectedVersion("\"abc\""))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.code()).isEqualTo("version_conflict");
                });
    }
}
