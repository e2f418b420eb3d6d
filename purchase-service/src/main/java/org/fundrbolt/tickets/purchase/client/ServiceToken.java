package org.fundrbolt.tickets.purchase.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;

/**
 * The bearer token of this service's internal calls (role {@code service}): signed with the key at
 * {@code smallrye.jwt.sign.key.location} (the development key locally), renewed before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private final String issuer;
    private final String audience;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    public ServiceToken(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience) {
        this.issuer = issuer;
        this.audience = audience.split(",")[0].trim();
    }

    public String bearer() {
        if (Instant.now().isAfter(renewAt)) {
            token = Jwt.issuer(issuer).audience(audience).subject("purchase-service").groups(Set.of("service"))
                    .expiresIn(Duration.ofMinutes(5)).sign();
            renewAt = Instant.now().plus(Duration.ofMinutes(4));
        }
        return "Bearer " + token;
    }
}
