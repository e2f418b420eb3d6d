package org.fundrbolt.tickets.platform.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;

/**
 * The bearer token of a service's internal calls (role {@code service}, {@code sub} = the calling
 * service's name), signed with the key at {@code smallrye.jwt.sign.key.location} and renewed before
 * it expires. Its audiences are every audience the services verify, so any receiver configured like
 * the caller accepts it.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration REUSE = Duration.ofMinutes(4);

    private final String issuer;
    private final Set<String> audiences;
    private final String subject;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    public ServiceToken(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audiences,
            @ConfigProperty(name = "quarkus.application.name") String subject) {
        this.issuer = issuer;
        this.audiences = audiences(audiences);
        this.subject = subject;
    }

    /** {@code "a, b"} is the two audiences a and b, never one audience named "a, b". */
    static Set<String> audiences(String configured) {
        return Arrays.stream(configured.split(",")).map(String::trim).filter(value -> !value.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public String bearer() {
        if (Instant.now().isAfter(renewAt)) {
            token = Jwt.issuer(issuer).audience(audiences).subject(subject).groups(Set.of("service"))
                    .expiresIn(LIFETIME).sign();
            renewAt = Instant.now().plus(REUSE);
        }
        return "Bearer " + token;
    }
}
