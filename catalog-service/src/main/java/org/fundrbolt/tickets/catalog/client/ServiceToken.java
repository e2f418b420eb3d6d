package org.fundrbolt.tickets.catalog.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;

/** The bearer token of catalog's internal calls: role {@code service}, {@code sub} catalog-service, reused ~4 minutes. */
@ApplicationScoped
public class ServiceToken {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration REUSE = Duration.ofMinutes(4);

    private final String issuer;
    private final String audience;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    public ServiceToken(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    public String bearer() {
        if (Instant.now().isAfter(renewAt)) {
            token = Jwt.issuer(issuer).audience(audience).subject("catalog-service").groups("service")
                    .expiresIn(LIFETIME).sign();
            renewAt = Instant.now().plus(REUSE);
        }
        return "Bearer " + token;
    }
}
