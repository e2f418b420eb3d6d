package org.fundrbolt.tickets.system;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's instances as the drills' clients see them: {@code -Dgateway.urls} (what {@code deploy/local/stack}
 * runs: one, or with {@code --replicas 2} both), each request to the next one in turn, as a load balancer in front of
 * the gateway's pods would spread them.
 */
final class Gateways {

    private static final List<String> URLS = Arrays
            .stream(System.getProperty("gateway.urls", StackReadyTests.GATEWAY).split(",")).map(String::trim)
            .filter(url -> !url.isEmpty()).map(url -> url.replace("127.0.0.1", "localhost")).toList();
    private static final AtomicInteger TURN = new AtomicInteger();

    private Gateways() {
    }

    /** The base URL of the next gateway instance. */
    static String next() {
        return URLS.get(Math.floorMod(TURN.getAndIncrement(), URLS.size()));
    }

    static int count() {
        return URLS.size();
    }
}
