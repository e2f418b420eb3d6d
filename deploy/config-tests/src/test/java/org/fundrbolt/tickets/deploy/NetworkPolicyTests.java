package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * The NetworkPolicies let exactly the synchronous calls of ARCHITECTURE.md through: the ingress controller to
 * the gateway, the gateway to every service, catalog to purchase and promo, purchase to promo (plus metrics scraping
 * from the monitoring namespace), and nothing else.
 */
class NetworkPolicyTests {

    private static final String NAME = "app.kubernetes.io/name";
    private static final String PART_OF = "app.kubernetes.io/part-of";
    private static final String NAMESPACE = "kubernetes.io/metadata.name";

    /** ARCHITECTURE.md, "Who talks to whom": callee -> callers inside the namespace. */
    static final Map<String, Set<String>> DOCUMENTED_CALLERS = Map.of(
            "gateway", Set.of(),
            "catalog-service", Set.of("gateway"),
            "promo-service", Set.of("gateway", "purchase-service", "catalog-service"),
            "purchase-service", Set.of("gateway", "catalog-service", "promo-service"),
            "media-service", Set.of("gateway"));

    private final List<Manifests.Manifest> base = Manifests.base();
    private final List<NetworkPolicy> policies = Manifests.ofType(base, NetworkPolicy.class);

    @Test
    void everythingIsDeniedUnlessAllowed() {
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        });
    }

    @Test
    void policiesAllowExactlyTheDocumentedCalls() {
        for (String service : Repo.SERVICES) {
            Allowed allowed = allowedInto(service);
            assertThat(allowed.pods).as("pods that may call %s", service).isEqualTo(DOCUMENTED_CALLERS.get(service));
            Set<String> namespaces = new TreeSet<>(Set.of("monitoring"));
            if (service.equals("gateway")) {
                namespaces.add("ingress-nginx");
            }
            assertThat(allowed.namespaces).as("namespaces that may reach %s", service).isEqualTo(namespaces);
            assertThat(allowed.ports).as("ports of %s opened", service).isNotEmpty().isSubsetOf("http",
                    String.valueOf(Repo.PORTS.get(service)), "management",
                    String.valueOf(Repo.PORTS.get(service) + 1000));
        }
    }

    @Test
    void monitoringReachesOnlyTheManagementPort() {
        NetworkPolicy scrape = policies.stream().filter(p -> p.getMetadata().getName().equals("allow-metrics-scrape"))
                .findFirst().orElseThrow();
        assertThat(scrape.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                .extracting(port -> port.getPort().getStrVal()).containsExactly("management"));
    }

    @Test
    void theConfiguredUpstreamUrlsAreExactlyTheAllowedCalls() {
        // Derived from the ConfigMaps: which service's URL does each service hold?
        Map<String, Set<String>> callers = new TreeMap<>();
        Repo.SERVICES.forEach(s -> callers.put(s, new TreeSet<>()));
        for (String caller : Repo.SERVICES) {
            ConfigMap cm = Manifests.configMap(base, caller + "-config").orElseThrow();
            cm.getData().forEach((key, value) -> {
                if (key.endsWith("_URL") && value.startsWith("http://")) {
                    URI uri = URI.create(value);
                    if (Repo.PORTS.containsKey(uri.getHost())) {
                        assertThat(uri.getPort()).as("%s %s port", caller, key)
                                .isEqualTo(Repo.PORTS.get(uri.getHost()));
                        callers.get(uri.getHost()).add(caller);
                    }
                }
            });
        }
        assertThat(callers).isEqualTo(new TreeMap<>(DOCUMENTED_CALLERS));
    }

    private record Allowed(Set<String> pods, Set<String> namespaces, Set<String> ports) {
    }

    private Allowed allowedInto(String service) {
        Map<String, String> podLabels = Map.of(NAME, service, PART_OF, "fundrbolt-tickets");
        Allowed allowed = new Allowed(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        List<String> problems = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            if (!selects(policy.getSpec().getPodSelector(), podLabels) || policy.getSpec().getIngress() == null) {
                continue;
            }
            String where = "NetworkPolicy/" + policy.getMetadata().getName();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    problems.add(where + " lets anybody in");
                    continue;
                }
                if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
                    problems.add(where + " opens every port");
                } else {
                    rule.getPorts().forEach(p -> allowed.ports.add(p.getPort().getStrVal() != null
                            ? p.getPort().getStrVal()
                            : String.valueOf(p.getPort().getIntVal())));
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getIpBlock() != null) {
                        problems.add(where + " admits an ipBlock");
                    } else if (peer.getNamespaceSelector() != null) {
                        String ns = peer.getNamespaceSelector().getMatchLabels() == null
                                ? null
                                : peer.getNamespaceSelector().getMatchLabels().get(NAMESPACE);
                        if (ns == null) {
                            problems.add(where + " admits namespaces not chosen by name");
                        } else {
                            allowed.namespaces.add(ns);
                        }
                    } else {
                        LabelSelector pods = peer.getPodSelector();
                        String name = pods.getMatchLabels() == null ? null : pods.getMatchLabels().get(NAME);
                        if (name == null) {
                            problems.add(where + " admits pods not chosen by " + NAME);
                        } else {
                            allowed.pods.add(name);
                        }
                    }
                }
            }
        }
        assertThat(problems).as("policies into %s", service).isEmpty();
        return allowed;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not evaluated by this test; use matchLabels");
        }
        return selector.getMatchLabels() == null || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
