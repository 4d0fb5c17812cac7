package dev.kubewizard.install;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the nodes from this computer with the fabric8 client, exactly as {@code kubectl get nodes} would with the
 * same kubeconfig: through the endpoint (the VIP), with the exported credentials. Nothing else of the user's
 * environment (~/.kube/config, KUBECONFIG, proxies) is read, and a failed request is not retried for minutes.
 */
public final class ApiServerNodes implements ClusterNodes {
    private static final String ROLE_LABEL = "node-role.kubernetes.io/";

    private final Duration timeout;

    public ApiServerNodes(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public List<NodeStatus> read(String kubeconfigYaml) throws IOException {
        Config config;
        try {
            config = Config.fromKubeconfig(kubeconfigYaml);
        } catch (RuntimeException e) {
            throw new IOException("the kubeconfig cannot be used: " + e.getMessage(), e);
        }
        int ms = (int) timeout.toMillis();
        config.setConnectionTimeout(ms);
        config.setRequestTimeout(ms);
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            List<NodeStatus> nodes = new ArrayList<>();
            for (Node n : client.nodes().list().getItems()) {
                nodes.add(status(n));
            }
            nodes.sort(Comparator.comparing(NodeStatus::name));
            return nodes;
        } catch (KubernetesClientException e) {
            String why = e.getCode() > 0 ? "HTTP " + e.getCode() + " " + e.getMessage()
                    : e.getCause() == null ? e.getMessage() : e.getCause().toString();
            throw new IOException(config.getMasterUrl() + ": " + why, e);
        }
    }

    static NodeStatus status(Node n) {
        List<String> roles = new ArrayList<>();
        Map<String, String> labels = n.getMetadata().getLabels();
        if (labels != null) {
            labels.keySet().stream().filter(k -> k.startsWith(ROLE_LABEL)).map(k -> k.substring(ROLE_LABEL.length()))
                    .filter(r -> !r.isEmpty()).sorted().forEach(roles::add);
        }
        boolean ready = false;
        String reason = "";
        String version = "";
        String address = "";
        if (n.getStatus() != null) {
            for (NodeCondition c : n.getStatus().getConditions() == null ? List.<NodeCondition>of()
                    : n.getStatus().getConditions()) {
                if ("Ready".equals(c.getType())) {
                    ready = "True".equals(c.getStatus());
                    reason = ready ? "" : String.valueOf(c.getReason());
                }
            }
            if (n.getStatus().getNodeInfo() != null) {
                version = n.getStatus().getNodeInfo().getKubeletVersion();
            }
            for (NodeAddress a : n.getStatus().getAddresses() == null ? List.<NodeAddress>of()
                    : n.getStatus().getAddresses()) {
                if ("InternalIP".equals(a.getType())) {
                    address = a.getAddress();
                }
            }
        }
        return new NodeStatus(n.getMetadata().getName(), roles, ready, reason, version, address);
    }
}
