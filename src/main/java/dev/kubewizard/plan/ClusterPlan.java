package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster plan, file format {@value #API_VERSION}. Everything kubewizard does flows from it: the wizard edits it,
 * the recipe is generated from it, the installer runs that recipe. It holds no secrets.
 */
@JsonPropertyOrder({"apiVersion", "cluster", "loadBalancer", "nodes", "ssh", "mirrors", "harbor", "cni"})
public record ClusterPlan(String apiVersion, Cluster cluster, LoadBalancer loadBalancer, List<Node> nodes, Ssh ssh,
                          Mirrors mirrors, @JsonInclude(JsonInclude.Include.NON_NULL) Harbor harbor, Cni cni) {
    public static final String API_VERSION = "kubewizard/v1";

    public ClusterPlan {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    @JsonIgnore
    public List<Node> masters() {
        return nodes.stream().filter(n -> n.role() == Role.MASTER).toList();
    }

    @JsonIgnore
    public List<Node> workers() {
        return nodes.stream().filter(n -> n.role() == Role.WORKER).toList();
    }

    /** The master that runs {@code kubeadm init} and hands out join data: the first master in the plan. */
    @JsonIgnore
    public Node firstMaster() {
        return masters().stream().findFirst().orElseThrow(() -> new IllegalStateException("the plan has no master"));
    }

    @JsonIgnore
    public LbMode lbMode() {
        return loadBalancer == null || loadBalancer.mode() == null ? LbMode.EXTERNAL : loadBalancer.mode();
    }

    /** The dedicated load-balancer host, present in external mode only. */
    @JsonIgnore
    public Optional<LbHost> lbHost() {
        if (lbMode() != LbMode.EXTERNAL || loadBalancer == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(loadBalancer.host());
    }

    @JsonIgnore
    public Ssh sshOrDefault() {
        return ssh == null ? new Ssh(null, null, null, null) : ssh;
    }

    /** Every machine to log in to, cluster nodes first in plan order, then the load-balancer host. */
    @JsonIgnore
    public List<PlanHost> hosts() {
        Ssh s = sshOrDefault();
        List<PlanHost> hosts = new ArrayList<>();
        for (Node n : nodes) {
            HostKind kind = n.role() == Role.MASTER ? HostKind.MASTER : HostKind.WORKER;
            hosts.add(new PlanHost(n.hostname(), n.address(), kind, pick(n.user(), s.userOrDefault()),
                    n.port() != null ? n.port() : s.portOrDefault()));
        }
        lbHost().ifPresent(lb -> hosts.add(new PlanHost(lb.hostname(), lb.address(), HostKind.LOAD_BALANCER,
                pick(lb.user(), s.userOrDefault()), lb.port() != null ? lb.port() : s.portOrDefault())));
        return hosts;
    }

    @JsonIgnore
    public PlanHost host(String hostname) {
        return hosts().stream().filter(h -> h.hostname().equals(hostname)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host " + hostname + " in the plan"));
    }

    /** The Kubernetes minor line as a number, e.g. 34 for "1.34"; -1 when it cannot be read. */
    @JsonIgnore
    public int kubernetesMinor() {
        String v = cluster == null ? null : cluster.kubernetesVersion();
        if (v == null || !v.matches("v?1\\.\\d{1,3}")) {
            return -1;
        }
        return Integer.parseInt(v.substring(v.indexOf('.') + 1));
    }

    private static String pick(String override, String fallback) {
        return override == null || override.isBlank() ? fallback : override;
    }
}
