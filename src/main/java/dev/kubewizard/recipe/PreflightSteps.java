package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.PlanHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only preflight of one machine: the OS, CPUs and memory kubeadm insists on, ports, the VIP, and whether the
 * machine reaches the chosen mirrors. It collects every problem before failing, so the teacher sees them all at once,
 * and it prints the facts that are compared across machines (product_uuid and MAC addresses of cloned VMs, clocks).
 */
public final class PreflightSteps {
    /** Facts each machine reports for the cluster-wide checks. */
    public static final RuntimeValue HOSTNAME = RuntimeValue.plain("KW_HOSTNAME");
    public static final RuntimeValue OS = RuntimeValue.plain("KW_OS");
    public static final RuntimeValue CPUS = RuntimeValue.plain("KW_CPUS");
    public static final RuntimeValue MEMORY_MB = RuntimeValue.plain("KW_MEMORY_MB");
    public static final RuntimeValue PRODUCT_UUID = RuntimeValue.plain("KW_PRODUCT_UUID");
    public static final RuntimeValue MACS = RuntimeValue.plain("KW_MACS");
    public static final RuntimeValue CLOCK = RuntimeValue.plain("KW_CLOCK_EPOCH_MS");
    public static final RuntimeValue SWAP = RuntimeValue.plain("KW_SWAP_ACTIVE");

    /** kubeadm's own limits (preflight NumCPU and Mem). */
    public static final int MIN_CPUS = 2;
    public static final int MIN_MEMORY_MB = 1700;

    private PreflightSteps() {
    }

    public static List<Step> forHost(ClusterPlan plan, PlanHost host) {
        StepBuilder b = new StepBuilder("preflight", Phase.PREFLIGHT, host).texts("recipe.preflight");
        for (RuntimeValue fact : List.of(HOSTNAME, OS, CPUS, MEMORY_MB, PRODUCT_UUID, MACS, CLOCK, SWAP)) {
            b.output(fact);
        }
        b.run("problems=0",
                "problem() { echo \"PROBLEM: $*\" >&2; problems=$((problems + 1)); }",
                "warn() { echo \"WARNING: $*\" >&2; }",
                "",
                "# Facts compared across machines by kubewizard (cloned VMs share product_uuid and MACs).",
                "kw_output KW_HOSTNAME \"$(hostname)\"",
                "kw_output KW_PRODUCT_UUID \"$(cat /sys/class/dmi/id/product_uuid 2>/dev/null || echo unknown)\"",
                "macs=$(for nic in /sys/class/net/*; do",
                "  [ -e \"$nic/device\" ] || continue   # physical or virtio NICs only: bridges and veths are not unique",
                "  cat \"$nic/address\"",
                "done | sort | paste -sd, -)",
                "kw_output KW_MACS \"${macs:-none}\"",
                "kw_output KW_CLOCK_EPOCH_MS \"$(date +%s%3N)\"",
                "if [ -n \"$(swapon --show --noheadings 2>/dev/null)\" ]; then kw_output KW_SWAP_ACTIVE yes;"
                        + " else kw_output KW_SWAP_ACTIVE no; fi",
                "",
                "os_id=$(sed -n 's/^ID=//p' /etc/os-release | tr -d '\"')",
                "os_version=$(sed -n 's/^VERSION_ID=//p' /etc/os-release | tr -d '\"')",
                "kw_output KW_OS \"$os_id $os_version\"",
                "case \"$os_id $os_version\" in",
                "  \"ubuntu 22.04\" | \"ubuntu 24.04\") echo \"OS: Ubuntu $os_version\" ;;",
                "  *) problem \"this machine runs '$os_id $os_version'; kubewizard installs on Ubuntu 22.04 or 24.04\" ;;",
                "esac",
                "",
                "cpus=$(nproc)",
                "memory_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)",
                "kw_output KW_CPUS \"$cpus\"",
                "kw_output KW_MEMORY_MB \"$memory_mb\"");
        if (host.kind().isClusterNode()) {
            b.run("if [ \"$cpus\" -lt " + MIN_CPUS + " ]; then problem \"$cpus CPU; kubeadm needs at least "
                            + MIN_CPUS + " ([ERROR NumCPU])\"; fi",
                    "if [ \"$memory_mb\" -lt " + MIN_MEMORY_MB + " ]; then problem \"${memory_mb} MB memory; kubeadm"
                            + " needs at least " + MIN_MEMORY_MB + " MB ([ERROR Mem])\"; fi");
        }
        b.run("", "# A port in use is a problem unless the program that is meant to hold it holds it (a second run).",
                "port_check() {",
                "  local port=$1 owner=$2 holder",
                "  holder=$(ss -Htlnp \"sport = :$port\" 2>/dev/null | sed -n 's/.*users:((\"\\([^\"]*\\)\".*/\\1/p'"
                        + " | head -n 1)",
                "  if [ -z \"$(ss -Htln \"sport = :$port\" 2>/dev/null)\" ]; then",
                "    return 0",
                "  elif [[ \"$holder\" =~ ^($owner)$ ]]; then",
                "    echo \"port $port: held by $holder (kubewizard already set it up)\"",
                "  else",
                "    problem \"port $port is in use by ${holder:-another program}; it must be free (kubeadm [ERROR Port-$port])\"",
                "  fi",
                "}");
        for (Map.Entry<Integer, String> port : ports(plan, host).entrySet()) {
            b.run("port_check " + port.getKey() + " " + Bash.quote(port.getValue()));
        }
        if (plan.lbMode() == LbMode.KEEPALIVED && host.isMaster() && plan.cluster().endpoint() != null) {
            String vip = plan.cluster().endpoint().vip();
            b.run("", "# The VIP must be free: keepalived will float it over the masters.",
                    "if ip -o -4 addr show | grep -qF " + Bash.quote(" " + vip + "/") + " \\",
                    "    || systemctl is-active --quiet keepalived 2>/dev/null; then",
                    "  echo \"VIP " + vip + ": managed by keepalived here (kubewizard already set it up)\"",
                    "elif ping -c 1 -W 1 " + Bash.quote(vip) + " >/dev/null 2>&1; then",
                    "  problem \"the VIP " + vip + " already answers on the network: another machine uses it\"",
                    "fi");
        }
        b.run("", "# Every mirror must answer from this machine (classrooms often block some of them).",
                "reach() {",
                "  local level=$1 url=$2 expect=$3 code",
                "  if ! command -v curl >/dev/null; then",
                "    warn \"curl is not installed: $url not probed\"",
                "    return 0",
                "  fi",
                "  code=$(curl -sS -o /dev/null -w '%{http_code}' --connect-timeout 5 --max-time 15 \"$url\" 2>/dev/null"
                        + " || true)",
                "  if [[ \"$code\" =~ ^($expect)$ ]]; then",
                "    echo \"reachable: $url ($code)\"",
                "  elif [ \"$level\" = error ]; then",
                "    problem \"cannot use $url (HTTP ${code:-no answer}); choose another mirror in the plan\"",
                "  else",
                "    warn \"cannot use $url (HTTP ${code:-no answer})\"",
                "  fi",
                "}");
        for (Probe p : probes(plan, host)) {
            b.run("reach " + p.level + " " + Bash.quote(p.url) + " " + Bash.quote(p.expect));
        }
        b.run("", "if [ \"$problems\" -gt 0 ]; then",
                "  echo \"preflight: $problems problem(s) on $(hostname); nothing was changed\" >&2",
                "  exit 1",
                "fi",
                "echo \"preflight: ok\"");
        return List.of(b.build());
    }

    /** The ports this machine must have free, with the program that may already hold each one on a second run. */
    static Map<Integer, String> ports(ClusterPlan plan, PlanHost host) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        int lbPort = plan.cluster() == null || plan.cluster().endpoint() == null ? 6443
                : plan.cluster().endpoint().portOrDefault();
        if (host.kind() == HostKind.LOAD_BALANCER) {
            ports.put(lbPort, "nginx");
            return ports;
        }
        if (host.isMaster()) {
            ports.put(6443, "kube-apiserver");
            ports.put(2379, "etcd");
            ports.put(2380, "etcd");
            ports.put(10257, "kube-controller");
            ports.put(10259, "kube-scheduler");
            if (plan.lbMode() == LbMode.KEEPALIVED) {
                ports.putIfAbsent(lbPort, "haproxy");
            }
        }
        ports.put(10250, "kubelet");
        return ports;
    }

    private record Probe(String level, String url, String expect) {
    }

    private static List<Probe> probes(ClusterPlan plan, PlanHost host) {
        List<Probe> probes = new ArrayList<>();
        var m = plan.mirrors();
        if (m == null) {
            return probes;
        }
        if (m.ubuntu() != null) {
            probes.add(new Probe("error", slash(m.ubuntu()) + "dists/", "2..|3.."));
        }
        if (!host.kind().isClusterNode()) {
            return probes;
        }
        if (m.dockerCe() != null) {
            probes.add(new Probe("error", slash(m.dockerCe()) + "gpg", "200"));
        }
        if (m.kubernetes() != null && plan.kubernetesMinor() > 0) {
            probes.add(new Probe("error", slash(m.kubernetes()) + "v1." + plan.kubernetesMinor() + "/deb/Release.key",
                    "200"));
        }
        if (m.imageRepository() != null) {
            String registry = m.imageRepository().split("/", 2)[0];
            probes.add(new Probe("warning", "https://" + registry + "/v2/", "200|401"));
        }
        if (m.registryMirrors() != null) {
            m.registryMirrors().values().stream().filter(list -> list != null).flatMap(List::stream)
                    .forEach(url -> probes.add(new Probe("warning", slash(url) + "v2/", "200|401")));
        }
        if (plan.harbor() != null && plan.harbor().host() != null) {
            String scheme = plan.harbor().isHttps() ? "https" : "http";
            probes.add(new Probe("warning", scheme + "://" + plan.harbor().host() + "/v2/", "200|401"));
        }
        return probes;
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
