package org.fundrbolt.tickets.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.fundrbolt.tickets.gateway.config.GatewayConfig;
import org.fundrbolt.tickets.gateway.edge.Quotas.Quota;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.junit.jupiter.api.Test;

class QuotasTest {

    private final Quotas quotas = new Quotas(limits(true), false);

    @Test
    void limitsAnonymousPublicCallsPerClient() {
        assertEquals(Optional.of(new Quota("anonymous", "198.51.100.7", 600)),
                quotas.forAnonymousCall(Kind.API, "198.51.100.7"));
    }

    @Test
    void doesNotLimitImages() {
        assertEquals(Optional.empty(), quotas.forAnonymousCall(Kind.IMAGES, "198.51.100.7"));
    }

    @Test
    void limitsCheckoutPerDonor() {
        assertEquals(Optional.of(new Quota("checkout", "donor-1", 30)), quotas.forCaller(Kind.CHECKOUT, "donor-1"));
    }

    @Test
    void limitsPromoValidationPerDonor() {
        assertEquals(Optional.of(new Quota("promo-validate", "donor-1", 60)),
                quotas.forCaller(Kind.PROMO_VALIDATE, "donor-1"));
    }

    @Test
    void doesNotLimitOtherAuthorizedCalls() {
        for (Kind kind : new Kind[]{Kind.API, Kind.SALES_STREAM, Kind.IMAGE_UPLOAD}) {
            assertEquals(Optional.empty(), quotas.forCaller(kind, "admin-1"), kind.name());
        }
    }

    @Test
    void limitsNothingWhenRateLimitsAreDisabled() {
        Quotas disabled = new Quotas(limits(false), false);
        assertEquals(Optional.empty(), disabled.forAnonymousCall(Kind.API, "198.51.100.7"));
        assertEquals(Optional.empty(), disabled.forCaller(Kind.CHECKOUT, "donor-1"));
        assertEquals(Optional.empty(), disabled.forCaller(Kind.PROMO_VALIDATE, "donor-1"));
    }

    @Test
    void countsEverySpellingOfADonorUuidAsOneDonor() {
        assertEquals("3f2504e0-4f89-41d3-9a0c-0305e82c3301", Quotas.donorId("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
        assertEquals("3f2504e0-4f89-41d3-9a0c-0305e82c3301", Quotas.donorId("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    }

    @Test
    void keepsASubjectThatIsNoUuidAsItIs() {
        assertEquals("Donor-1", Quotas.donorId("Donor-1"));
        assertEquals("1-1-1-1-1", Quotas.donorId("1-1-1-1-1"));
    }

    @Test
    void ignoresForwardedForUnlessTrusted() {
        assertEquals("10.0.0.5", quotas.clientIp("203.0.113.9", "10.0.0.5"));
    }

    @Test
    void takesFirstForwardedForAddressWhenTrusted() {
        Quotas trusting = new Quotas(limits(true), true);
        assertEquals("203.0.113.9", trusting.clientIp(" 203.0.113.9 , 10.0.0.1", "10.0.0.5"));
    }

    @Test
    void fallsBackToRemoteAddressWhenTrustedForwardedForIsBlank() {
        Quotas trusting = new Quotas(limits(true), true);
        assertEquals("10.0.0.5", trusting.clientIp("  ", "10.0.0.5"));
        assertEquals("10.0.0.5", trusting.clientIp(null, "10.0.0.5"));
    }

    @Test
    void namesUnknownClientWhenRemoteAddressIsMissing() {
        assertEquals("unknown", quotas.clientIp(null, null));
    }

    private static GatewayConfig.RateLimits limits(boolean enabled) {
        return new GatewayConfig.RateLimits() {

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int anonymousPerMinute() {
                return 600;
            }

            @Override
            public int checkoutPerMinute() {
                return 30;
            }

            @Override
            public int promoValidatePerMinute() {
                return 60;
            }

            @Override
            public Duration redisTimeout() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration redisBackoff() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
