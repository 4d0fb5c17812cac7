package dev.kubewizard.kubeconfig;

import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.text.Messages;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * How the laptop reaches the cluster: the API server through the VIP (it is in the apiserver certSANs, so the laptop
 * needs no hosts entry for the endpoint name), and kubeconfig entries named after the cluster instead of kubeadm's
 * generic "kubernetes" / "kubernetes-admin", so that several classroom clusters can live in one kubeconfig.
 */
public record ClusterAccess(String clusterName, String userName, String contextName, String server) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Reads only what the kubeconfig needs from the plan: cluster.name and cluster.endpoint (vip, port). */
    public static ClusterAccess fromPlan(ClusterPlan plan) throws KubeconfigException {
        Cluster cluster = plan == null ? null : plan.cluster();
        String name = cluster == null ? null : cluster.name();
        if (name == null || name.isBlank()) {
            throw new KubeconfigException(Messages.text("kubeconfig.plan.noName"));
        }
        if (!NAME.matcher(name).matches()) {
            throw new KubeconfigException(Messages.text("kubeconfig.plan.badName", name));
        }
        Endpoint endpoint = cluster.endpoint();
        if (endpoint == null) {
            throw new KubeconfigException(Messages.text("kubeconfig.plan.noEndpoint"));
        }
        String vip = endpoint.vip();
        if (vip == null || vip.isBlank()) {
            throw new KubeconfigException(Messages.text("kubeconfig.plan.noVip"));
        }
        int port = endpoint.portOrDefault();
        if (port < 1 || port > 65535) {
            throw new KubeconfigException(Messages.text("kubeconfig.plan.badPort", String.valueOf(port)));
        }
        return new ClusterAccess(name, name + "-admin", name, "https://" + hostPart(vip.strip()) + ":" + port);
    }

    /** The VIP as written in a URL: IPv4 as is, IPv6 in brackets; anything a laptop cannot connect to is refused. */
    private static String hostPart(String vip) throws KubeconfigException {
        if (IPV4.matcher(vip).matches()) {
            int first = Integer.parseInt(vip.substring(0, vip.indexOf('.')));
            if (first == 0 || first == 127 || first >= 224) {
                throw new KubeconfigException(Messages.text("kubeconfig.plan.badVip", vip));
            }
            return vip;
        }
        if (vip.contains(":") && IPV6_TEXT.matcher(vip).matches()) {
            try {
                // Brackets make InetAddress parse a literal and never ask DNS.
                InetAddress address = InetAddress.getByName("[" + vip + "]");
                if (address instanceof Inet6Address && !address.isAnyLocalAddress() && !address.isLoopbackAddress()
                        && !address.isMulticastAddress()) {
                    return "[" + vip + "]";
                }
            } catch (UnknownHostException e) {
                // not an IPv6 literal: refused below
            }
        }
        throw new KubeconfigException(Messages.text("kubeconfig.plan.badVip", vip));
    }
}
