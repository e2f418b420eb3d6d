package org.fundrbolt.tickets.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * The {@code uri} tag of the HTTP metrics as a template, never the raw path: the gateway's routes are
 * regular expressions, so without this every event id, package id and promo code (the valid ones answer
 * 200) would become a label of its own — a leak and a cardinality bomb. UUID segments become {@code {id}},
 * the code of a validation {@code {code}}, image paths {@code /images/{path}}; a path the gateway does not
 * route is {@code /unrouted}.
 */
@Singleton
public class MetricUris {

    private static final Pattern VALIDATE = Pattern.compile("/api/v1/events/[^/]+/promo-codes/[^/]+/validate");

    @Produces
    @Singleton
    MeterFilter templatedUris() {
        return new MeterFilter() {

            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (uri == null || !id.getName().startsWith("http.server")) {
                    return id;
                }
                String template = template(uri);
                if (template.equals(uri)) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream()
                        .map(tag -> tag.getKey().equals("uri") ? Tag.of("uri", template) : tag).toList());
            }
        };
    }

    /** The template of a request path as the metrics show it. */
    static String template(String uri) {
        if (!uri.startsWith("/api/") && !uri.startsWith("/images/") && !uri.startsWith("/internal")
                && !uri.startsWith("/q")) {
            return uri; // static paths of the web UI, already few
        }
        if (uri.startsWith("/images/")) {
            return "/images/{path}";
        }
        if (RouteTable.match(uri).isEmpty()) {
            return "/unrouted";
        }
        if (VALIDATE.matcher(uri).matches()) {
            return "/api/v1/events/{event_id}/promo-codes/{code}/validate";
        }
        StringBuilder template = new StringBuilder();
        for (String segment : uri.substring(1).split("/", -1)) {
            template.append('/').append(isUuid(segment) ? "{id}" : segment);
        }
        return template.toString();
    }

    private static boolean isUuid(String segment) {
        if (segment.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(segment);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
