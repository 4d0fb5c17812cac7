package dev.kubewizard.kubeconfig;

/**
 * The laptop's kubeconfig made from a node's admin.conf: the names and server it uses, the server admin.conf had
 * (usually the endpoint name, which the laptop need not resolve), and the YAML text.
 */
public record ExportedKubeconfig(ClusterAccess access, String adminConfServer, String yaml) {
}
