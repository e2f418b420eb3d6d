package org.fundrbolt.tickets.platform.client;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of a service that another one calls: a configured base URL, or a comma-separated list of them
 * ({@code http://10.0.0.5:8083,http://10.0.0.6:8083}), taken in turn, one per call. In Kubernetes the list is the
 * Service's one address and kube-proxy balances; the local stack's {@code --replicas 2} lists both instances.
 *
 * <p>
 * Lives in platform-problem, the one platform module that every service and the gateway depend on.
 */
public final class Instances {

    /**
     * How often a caller whose instances are listed elsewhere (SmallRye Stork's {@code stork://}, taken in turn) tries
     * again after a refused connection: enough to pass over a stopped replica of two or three.
     */
    public static final int RETRIES_WHEN_REFUSED = 2;

    private final List<URI> bases;
    private final AtomicInteger turn = new AtomicInteger();

    private Instances(List<URI> bases) {
        this.bases = bases;
    }

    /** Parses {@code configured}; an entry that is not an absolute http(s) URL with a host is a start-up error. */
    public static Instances of(String configured) {
        List<URI> bases = Arrays.stream(configured.split(",")).map(String::trim).filter(entry -> !entry.isEmpty())
                .map(Instances::base).toList();
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no instance configured: '" + configured + "'");
        }
        return new Instances(bases);
    }

    private static URI base(String entry) {
        URI uri = URI.create(entry);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("not an http(s) base URL: '" + entry + "'");
        }
        return uri;
    }

    /**
     * Every instance, starting with the next one in turn: what one call tries, in this order, while connections are
     * refused. Each call takes its own order, so concurrent calls never send each other's retry to the instance that
     * just refused it.
     */
    public List<URI> inTurn() {
        int first = Math.floorMod(turn.getAndIncrement(), bases.size());
        List<URI> order = new java.util.ArrayList<>(bases.size());
        for (int i = 0; i < bases.size(); i++) {
            order.add(bases.get((first + i) % bases.size()));
        }
        return order;
    }

    public List<URI> all() {
        return bases;
    }

    /**
     * Whether {@code failure} is a connection that could not be opened (refused, no route, unknown host): the call
     * never reached the service, so trying another instance cannot do anything twice.
     */
    public static boolean refused(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 10; cause = cause.getCause(), depth++) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.NoRouteToHostException
                    || cause instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
