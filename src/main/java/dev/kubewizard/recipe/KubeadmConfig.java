package dev.kubewizard.recipe;

import dev.kubewizard.plan.KubernetesVersions;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kubeadm configuration files, as text. kubeadm is driven by a config file rather than the course's flags:
 * {@code --config} cannot be mixed with most flags, and only the file can set the kubelet's node-ip, which multi-NIC
 * classroom VMs need (otherwise kubeadm advertises the default-route address).
 *
 * <p>The API is {@code kubeadm.k8s.io/v1beta4} from 1.31 on ({@code kubeletExtraArgs} as a list of name/value pairs),
 * {@code v1beta3} below it (a map).
 */
public final class KubeadmConfig {
    /** Where the init configuration lives on the first master (it holds no secret, but only root needs it). */
    public static final String INIT_CONFIG_PATH = "/etc/kubewizard/kubeadm-config.yaml";
    public static final String CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";
    /** Every kube-apiserver listens here; the load balancer may listen elsewhere (16443 on masters). */
    public static final int API_SERVER_PORT = 6443;
    /** Filled on the node from {@code kubeadm version -o short}: the plan names a minor line, the newest patch runs. */
    public static final String KUBERNETES_VERSION = "KUBERNETES_VERSION";

    private KubeadmConfig() {
    }

    /** InitConfiguration, ClusterConfiguration and KubeletConfiguration for the first master. */
    public static String init(ClusterPlan plan) {
        Node first = plan.firstMaster();
        String api = apiVersion(plan);
        StringBuilder y = new StringBuilder();
        y.append("# kubeadm init configuration written by kubewizard for ").append(first.hostname()).append('\n');
        y.append("apiVersion: ").append(api).append('\n');
        y.append("kind: InitConfiguration\n");
        y.append("localAPIEndpoint:\n");
        y.append("  advertiseAddress: ").append(q(first.address())).append('\n');
        y.append("  bindPort: ").append(API_SERVER_PORT).append('\n');
        nodeRegistration(y, api, first);
        y.append("---\n");
        y.append("apiVersion: ").append(api).append('\n');
        y.append("kind: ClusterConfiguration\n");
        y.append("kubernetesVersion: ").append(q("{{" + KUBERNETES_VERSION + "}}")).append('\n');
        y.append("controlPlaneEndpoint: ").append(q(controlPlaneEndpoint(plan))).append('\n');
        String imageRepository = plan.mirrors() == null ? null : plan.mirrors().imageRepository();
        if (imageRepository != null && !imageRepository.isBlank()) {
            y.append("imageRepository: ").append(q(imageRepository.trim())).append('\n');
        }
        y.append("networking:\n");
        y.append("  podSubnet: ").append(q(plan.cluster().podSubnet())).append('\n');
        String serviceSubnet = plan.cluster().serviceSubnet();
        if (serviceSubnet != null && !serviceSubnet.isBlank()) {
            y.append("  serviceSubnet: ").append(q(serviceSubnet)).append('\n');
        }
        y.append("apiServer:\n");
        y.append("  certSANs:\n");
        for (String san : certSans(plan)) {
            y.append("    - ").append(q(san)).append('\n');
        }
        y.append("---\n");
        y.append("apiVersion: kubelet.config.k8s.io/v1beta1\n");
        y.append("kind: KubeletConfiguration\n");
        y.append("cgroupDriver: systemd\n");
        return y.toString();
    }

    /**
     * The JoinConfiguration of one node, with {@code {{KW_JOIN_TOKEN}}}, {@code {{KW_CA_CERT_HASH}}} and, for masters,
     * {@code {{KW_CERTIFICATE_KEY}}} filled in on the node from the step's standard input.
     */
    public static String join(ClusterPlan plan, Node node) {
        String api = apiVersion(plan);
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: ").append(api).append('\n');
        y.append("kind: JoinConfiguration\n");
        y.append("discovery:\n");
        y.append("  bootstrapToken:\n");
        y.append("    apiServerEndpoint: ").append(q(controlPlaneEndpoint(plan))).append('\n');
        y.append("    token: ").append(q(placeholder(JoinData.TOKEN))).append('\n');
        y.append("    caCertHashes:\n");
        y.append("      - ").append(q(placeholder(JoinData.CA_CERT_HASH))).append('\n');
        nodeRegistration(y, api, node);
        if (node.role() == Role.MASTER) {
            y.append("controlPlane:\n");
            y.append("  localAPIEndpoint:\n");
            y.append("    advertiseAddress: ").append(q(node.address())).append('\n');
            y.append("    bindPort: ").append(API_SERVER_PORT).append('\n');
            y.append("  certificateKey: ").append(q(placeholder(JoinData.CERTIFICATE_KEY))).append('\n');
        }
        return y.toString();
    }

    /**
     * Names and addresses the API server certificate is valid for: the endpoint name, the VIP (the teacher's laptop
     * uses https://VIP:PORT without a hosts entry), the load-balancer host, every master by address and name (so
     * each can be reached directly), and loopback.
     */
    public static List<String> certSans(ClusterPlan plan) {
        Set<String> sans = new LinkedHashSet<>();
        Endpoint endpoint = plan.cluster().endpoint();
        addIfPresent(sans, endpoint.host());
        addIfPresent(sans, endpoint.vip());
        plan.lbHost().ifPresent(lb -> addIfPresent(sans, lb.address()));
        for (Node master : plan.masters()) {
            addIfPresent(sans, master.address());
            addIfPresent(sans, master.hostname());
        }
        sans.add("127.0.0.1");
        sans.add("localhost");
        return new ArrayList<>(sans);
    }

    /** host:port every node and kubeconfig uses: the endpoint's DNS name, or the VIP when the plan has no name. */
    public static String controlPlaneEndpoint(ClusterPlan plan) {
        return endpointHost(plan) + ":" + plan.cluster().endpoint().portOrDefault();
    }

    static String endpointHost(ClusterPlan plan) {
        Endpoint endpoint = plan.cluster().endpoint();
        return endpoint.host() == null || endpoint.host().isBlank() ? endpoint.vip() : endpoint.host();
    }

    static String apiVersion(ClusterPlan plan) {
        int minor = plan.kubernetesMinor();
        if (minor < 0) {
            throw new IllegalArgumentException("the plan's Kubernetes version '"
                    + plan.cluster().kubernetesVersion() + "' is not a minor line such as 1.34");
        }
        return KubernetesVersions.kubeadmApiVersion(minor);
    }

    static String placeholder(RuntimeValue value) {
        return "{{" + value.name() + "}}";
    }

    private static void nodeRegistration(StringBuilder y, String api, Node node) {
        y.append("nodeRegistration:\n");
        y.append("  name: ").append(q(node.hostname())).append('\n');
        y.append("  criSocket: ").append(q(CRI_SOCKET)).append('\n');
        y.append("  kubeletExtraArgs:\n");
        if (api.endsWith("v1beta3")) {
            y.append("    node-ip: ").append(q(node.address())).append('\n');
        } else {
            y.append("    - name: node-ip\n");
            y.append("      value: ").append(q(node.address())).append('\n');
        }
    }

    private static void addIfPresent(Set<String> sans, String value) {
        if (value != null && !value.isBlank()) {
            sans.add(value.trim());
        }
    }

    /** A YAML double-quoted scalar (JSON string rules are valid YAML). */
    static String q(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a kubeadm setting is missing from the plan");
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
