package org.fundrbolt.tickets.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private final SecurityHeaders headers = new SecurityHeaders(List.of("https://CDN.example.org/images/"),
            Optional.of("https://auth.example.org/realms/fundrbolt"), false);

    @Test
    void givesTheWebUiPagesTheFullPolicyWithConfiguredOrigins() {
        for (String path : List.of("/admin", "/admin/", "/admin/events/x/packages", "/checkout/e")) {
            assertThat(headers.policyFor(path)).isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data: blob: https://cdn.example.org; "
                    + "connect-src 'self' https://auth.example.org; frame-ancestors 'none'; base-uri 'self'; "
                    + "object-src 'none'; form-action 'self'");
        }
    }

    @Test
    void allowsNoOtherOriginsWhenNoneAreConfigured() {
        String policy = new SecurityHeaders(List.of(), Optional.empty(), false).policyFor("/admin/");
        assertThat(policy).contains("img-src 'self' data: blob:; ").contains("connect-src 'self'; ")
                .doesNotContain("unsafe");
    }

    @Test
    void allowsTheDocsInlineScriptByItsHashOnly() {
        assertThat(DocsRoutes.INIT_SCRIPT_HASH).matches("'sha256-[A-Za-z0-9+/]{43}='");
        assertThat(headers.policyFor("/docs")).isEqualTo(headers.policyFor("/docs/"))
                .contains("script-src 'self' " + DocsRoutes.INIT_SCRIPT_HASH + ";").doesNotContain("unsafe")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void letsNothingLoadFromOtherAnswers() {
        for (String path : List.of("/api/v1/events/e/tickets/packages", "/images/e/p/x.png", "/", "/.env",
                "/administrator", "/config.json")) {
            assertThat(headers.policyFor(path)).isEqualTo(SecurityHeaders.NON_HTML_POLICY);
        }
    }

    @Test
    void takesOnlyTheOriginOfAConfiguredUrl() {
        assertThat(SecurityHeaders.originOf("k", "https://Auth.Example.org:8443/realms/x"))
                .isEqualTo("https://auth.example.org:8443");
        for (String bad : List.of("auth.example.org", "ftp://x.example", "https://x.example/?a=1",
                "https://x.example; script-src *", "https://user@x.example")) {
            assertThatThrownBy(() -> SecurityHeaders.originOf("gateway.csp.img-origins", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gateway.csp.img-origins");
        }
    }
}
