package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * keepalived of keepalived mode: one VRRP instance on every master floats the VIP to the master with the highest
 * priority whose local haproxy answers.
 *
 * <ul>
 *   <li>All masters start as BACKUP; the priorities (first master highest) alone decide the holder.</li>
 *   <li>VRRP adverts go by unicast to the other masters: cloned classroom VMs and many virtual switches drop
 *       multicast, and then every master would hold the VIP at once.</li>
 *   <li>No authentication block: PASS authentication is deprecated (RFC 3768 dropped it) and would put a password
 *       into a world-readable file.</li>
 *   <li>The health check only asks whether the local haproxy accepts connections, not whether an API server is
 *       ready: the VIP has to work before {@code kubeadm init} has started the first API server.</li>
 * </ul>
 */
public final class KeepalivedConfig {
    public static final String PATH = "/etc/keepalived/keepalived.conf";
    public static final String CHECK_SCRIPT = "/etc/keepalived/check_haproxy.sh";
    /** Placeholder for the VIP's network interface when the plan leaves it to detection on the node. */
    public static final String INTERFACE_PLACEHOLDER = "VIP_INTERFACE";
    private static final int TOP_PRIORITY = 150;

    private KeepalivedConfig() {
    }

    /**
     * keepalived.conf for one master. The interface is the plan's, or {@code {{VIP_INTERFACE}}} to be filled on the
     * node with the interface that carries the master's plan address.
     */
    public static String render(ClusterPlan plan, String masterHostname) {
        Node self = master(plan, masterHostname);
        String vip = LoadBalancerSteps.vip(plan);
        String iface = interfaceOf(plan);
        List<Node> peers = plan.masters().stream().filter(m -> !m.hostname().equals(self.hostname())).toList();
        StringBuilder b = new StringBuilder();
        b.append("# kubewizard: floats the control-plane VIP ").append(vip).append(" over the masters of cluster ")
                .append(plan.cluster().name()).append(".\n");
        b.append("# The master with the highest priority whose haproxy answers holds the VIP.\n");
        b.append("global_defs {\n");
        b.append("    router_id ").append(self.hostname()).append('\n');
        b.append("    # the check script runs as root, so keepalived refuses it unless only root can change it\n");
        b.append("    script_user root\n");
        b.append("    enable_script_security\n");
        b.append("}\n\n");
        b.append("vrrp_script check_haproxy {\n");
        b.append("    script \"").append(CHECK_SCRIPT).append("\"\n");
        b.append("    interval 2\n");
        b.append("    timeout 3\n");
        b.append("    fall 2\n");
        b.append("    rise 2\n");
        b.append("}\n\n");
        b.append("vrrp_instance kube_apiserver_vip {\n");
        b.append("    # every master starts as BACKUP: the priorities alone decide who holds the VIP\n");
        b.append("    state BACKUP\n");
        b.append("    interface ").append(iface).append('\n');
        b.append("    virtual_router_id ").append(virtualRouterId(plan.cluster().name())).append('\n');
        b.append("    priority ").append(priority(plan, masterHostname)).append('\n');
        b.append("    advert_int 1\n");
        if (!peers.isEmpty()) {
            b.append("    # unicast: cloned classroom VMs and virtual switches often drop VRRP multicast\n");
            b.append("    unicast_src_ip ").append(self.address()).append('\n');
            b.append("    unicast_peer {\n");
            for (Node p : peers) {
                b.append("        ").append(p.address()).append('\n');
            }
            b.append("    }\n");
        }
        b.append("    virtual_ipaddress {\n");
        b.append("        ").append(vip).append("/32 dev ").append(iface).append('\n');
        b.append("    }\n");
        b.append("    track_script {\n");
        b.append("        check_haproxy\n");
        b.append("    }\n");
        b.append("}\n");
        return b.toString();
    }

    /** The check keepalived runs every 2 s: does the local haproxy accept a connection on the proxy port? */
    public static String checkScript(ClusterPlan plan) {
        int port = LoadBalancerSteps.masterProxyPort(plan);
        return "#!/bin/bash\n"
                + "# kubewizard: keepalived runs this every 2 s. It succeeds while the local haproxy accepts\n"
                + "# connections on port " + port + "; after two failures this master gives up the VIP and the\n"
                + "# next master takes it.\n"
                + "exec timeout 2 bash -c '</dev/tcp/127.0.0.1/" + port + "' 2>/dev/null\n";
    }

    /** The VRRP router id, 1-255, the same on every master and on every run: derived from the cluster name. */
    public static int virtualRouterId(String clusterName) {
        CRC32 crc = new CRC32();
        crc.update(clusterName.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 255) + 1;
    }

    /** VRRP priority of a master: the first in the plan highest, then descending in plan order. */
    public static int priority(ClusterPlan plan, String masterHostname) {
        List<Node> masters = plan.masters();
        int index = masters.indexOf(master(plan, masterHostname));
        int step = masters.size() <= 14 ? 10 : 1;
        return TOP_PRIORITY - step * index;
    }

    /** The plan's interface, or the placeholder filled on the node. */
    static String interfaceOf(ClusterPlan plan) {
        String iface = plan.loadBalancer() == null ? null : plan.loadBalancer().iface();
        return iface == null || iface.isBlank() ? "{{" + INTERFACE_PLACEHOLDER + "}}" : iface.strip();
    }

    private static Node master(ClusterPlan plan, String hostname) {
        return plan.masters().stream().filter(m -> m.hostname().equals(hostname)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(hostname + " is not a master of the plan"));
    }
}
