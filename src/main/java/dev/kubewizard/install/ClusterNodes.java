package dev.kubewizard.install;

import java.io.IOException;
import java.util.List;

/** Reads the nodes of a cluster, with a kubeconfig, through the API server its {@code server:} names. */
@FunctionalInterface
public interface ClusterNodes {
    /**
     * The nodes, by name.
     *
     * @throws IOException when the API server cannot be reached or refuses the kubeconfig's credentials; the message
     *                     says which address was tried
     */
    List<NodeStatus> read(String kubeconfigYaml) throws IOException, InterruptedException;

    /**
     * One node as {@code kubectl get nodes} shows it.
     *
     * @param roles   the node-role.kubernetes.io labels, e.g. {@code control-plane}; empty for a worker
     * @param ready   the Ready condition is True
     * @param reason  why it is not Ready (the condition's reason), empty when it is
     * @param version the kubelet version
     */
    record NodeStatus(String name, List<String> roles, boolean ready, String reason, String version,
                      String address) {
        public NodeStatus {
            roles = List.copyOf(roles);
            reason = reason == null ? "" : reason;
            version = version == null ? "" : version;
            address = address == null ? "" : address;
        }
    }
}
