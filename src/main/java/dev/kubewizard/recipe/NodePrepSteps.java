package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.PlanHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The node preparation of the course ("节点前置准备工作") for one machine, as PREP-phase steps in run order: hostname,
 * /etc/hosts, apt mirror, firewall, swap, kernel modules and sysctl, base packages, time sync, containerd, registry
 * host files, crictl, kubelet/kubeadm/kubectl. The external load-balancer host gets only what it needs: hostname,
 * hosts, apt mirror, firewall, base packages and time sync.
 */
public final class NodePrepSteps {
    /** What every machine needs: https downloads, keys, chrony for time. */
    public static final List<String> COMMON_PACKAGES = List.of("ca-certificates", "curl", "gnupg", "chrony");
    /**
     * What kubeadm 1.31-1.35 checks for on a cluster node besides kubelet's own dependencies: conntrack is fatal when
     * missing ([ERROR FileExisting-conntrack]); iptables, iproute2 (ip, tc) and ethtool are still looked for by 1.31
     * and 1.32. socat and ebtables are no longer checked. The same names exist on 22.04 and 24.04.
     */
    public static final List<String> NODE_PACKAGES = List.of("conntrack", "iptables", "iproute2", "ethtool");
    public static final String CRICTL_FILE = "/etc/crictl.yaml";

    private NodePrepSteps() {
    }

    /** The PREP steps for one machine of the plan, in run order. */
    public static List<Step> forHost(ClusterPlan plan, PlanHost host) {
        List<Step> steps = new ArrayList<>();
        steps.add(Hostname.step(host));
        steps.add(HostsBlock.step(plan, host));
        steps.add(AptSources.step(plan, host));
        steps.add(firewall(host));
        if (host.kind() == HostKind.LOAD_BALANCER) {
            steps.add(basePackages(host));
            steps.add(TimeSync.step(plan, host));
            return List.copyOf(steps);
        }
        steps.add(SwapOff.step(host));
        steps.add(KernelNetworking.step(host));
        steps.add(basePackages(host));
        steps.add(TimeSync.step(plan, host));
        steps.add(ContainerdInstall.step(plan, host));
        Step registryHosts = RegistryHosts.step(plan, host);
        if (registryHosts != null) {
            steps.add(registryHosts);
        }
        steps.add(crictl(host));
        steps.add(KubernetesPackages.step(plan, host));
        return List.copyOf(steps);
    }

    /** The packages of the base-packages step for a kind of machine. */
    public static List<String> basePackages(HostKind kind) {
        List<String> packages = new ArrayList<>(COMMON_PACKAGES);
        if (kind.isClusterNode()) {
            packages.addAll(NODE_PACKAGES);
        }
        return List.copyOf(packages);
    }

    /** /etc/crictl.yaml: crictl talks to containerd's socket (the course's 9.1). */
    public static String crictlYaml() {
        return """
                runtime-endpoint: unix:///run/containerd/containerd.sock
                image-endpoint: unix:///run/containerd/containerd.sock
                timeout: 10
                debug: false
                """;
    }

    static Step firewall(PlanHost host) {
        return new StepBuilder("firewall", Phase.PREP, host).texts("prep.firewall")
                .run("if command -v ufw > /dev/null; then",
                        "  ufw disable",
                        "  systemctl disable --now ufw",
                        "else",
                        "  echo \"ufw is not installed\"",
                        "fi")
                .check("if command -v ufw > /dev/null; then",
                        "  grep -qx 'ENABLED=no' /etc/ufw/ufw.conf",
                        "  if systemctl is-enabled --quiet ufw; then exit 1; fi",
                        "fi")
                .build();
    }

    static Step basePackages(PlanHost host) {
        List<String> packages = basePackages(host.kind());
        String words = String.join(" ", packages);
        return new StepBuilder("base-packages", Phase.PREP, host).texts("prep.basePackages", words)
                .run("kw_apt_install " + words)
                .check("kw_installed " + words)
                .build();
    }

    static Step crictl(PlanHost host) {
        return new StepBuilder("crictl", Phase.PREP, host).texts("prep.crictl")
                .writeChecked(StepFile.of(CRICTL_FILE, "0644", crictlYaml()))
                .build();
    }

    /** A plan value the steps cannot do without (the plan validator reports it first, in the user's words). */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the plan has no " + field);
        }
        return value.strip();
    }
}
