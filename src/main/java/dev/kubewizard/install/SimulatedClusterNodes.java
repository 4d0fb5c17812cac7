package dev.kubewizard.install;

import dev.kubewizard.kubeconfig.ClusterAccess;
import dev.kubewizard.kubeconfig.KubeconfigException;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.Role;
import dev.kubewizard.sim.SimulatedCluster;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The nodes of a simulated cluster (demo mode). Its endpoint exists only inside the simulation, so no request can
 * reach it: the kubeconfig is read as the client reads it and must name the plan's endpoint (what a real client
 * would connect to); the nodes are then those that joined the simulated cluster, Ready once Calico is applied, as the
 * simulated {@code kubectl get nodes} says.
 */
public final class SimulatedClusterNodes implements ClusterNodes {
    private final ClusterPlan plan;
    private final SimulatedCluster sim;

    public SimulatedClusterNodes(ClusterPlan plan, SimulatedCluster sim) {
        this.plan = plan;
        this.sim = sim;
    }

    @Override
    public List<NodeStatus> read(String kubeconfigYaml) throws IOException {
        String server;
        try {
            server = Config.fromKubeconfig(kubeconfigYaml).getMasterUrl();
        } catch (RuntimeException e) {
            throw new IOException("the kubeconfig cannot be used: " + e.getMessage(), e);
        }
        String endpoint;
        try {
            endpoint = ClusterAccess.fromPlan(plan).server();
        } catch (KubeconfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!trimSlash(server).equals(trimSlash(endpoint))) {
            throw new IOException(server + ": the simulated cluster answers at " + endpoint + " only");
        }
        boolean calico = sim.node(plan.firstMaster().hostname()).isDone("calico");
        List<String> members = sim.clusterMembers();
        List<NodeStatus> nodes = new ArrayList<>();
        for (Node n : plan.nodes()) {
            if (members.contains(n.hostname())) {
                nodes.add(new NodeStatus(n.hostname(), n.role() == Role.MASTER ? List.of("control-plane") : List.of(),
                        calico, calico ? "" : "KubeletNotReady", "v" + plan.cluster().kubernetesVersion(),
                        n.address()));
            }
        }
        nodes.sort(Comparator.comparing(NodeStatus::name));
        return nodes;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
