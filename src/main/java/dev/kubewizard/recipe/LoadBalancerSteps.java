package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.PlanHost;
import java.util.List;

/**
 * The load-balancer phase: what makes the control-plane endpoint answer before {@code kubeadm init} uses it.
 *
 * <ul>
 *   <li>External mode (the course): the dedicated host runs nginx with the stream module on the endpoint port.</li>
 *   <li>Keepalived mode: every master runs haproxy on the endpoint port (not 6443, which kube-apiserver binds) and
 *       keepalived floats the VIP over the masters.</li>
 * </ul>
 * Every step validates its configuration with the program's own test ({@code nginx -t}, {@code haproxy -c},
 * {@code keepalived -t}) before a restart, puts the previous files back when the test fails, and restarts only when
 * something changed.
 */
public final class LoadBalancerSteps {
    /** kube-apiserver's port on every master (kubeadm's default bindPort). */
    public static final int APISERVER_PORT = 6443;
    /** Node-side state of this phase: what each service was last restarted with. */
    static final String STATE_DIR = "/var/lib/kubewizard/lb";

    /** lb_port_answers HOST PORT: a TCP connect with a short timeout (no curl or nc on a fresh node needed). */
    private static final String PORT_ANSWERS = """
            lb_port_answers() {
              # lb_port_answers HOST PORT : true when HOST:PORT accepts a TCP connection within 2 seconds.
              timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
            }
            """;

    private static final String CHANGE_FUNCTIONS = """
            lb_snapshot() {
              # lb_snapshot DIR FILE... : copies the files that exist into DIR, to put them back if validation fails.
              local dir=$1 f
              shift
              for f in "$@"; do
                if [ -f "$f" ]; then
                  mkdir -p "$dir$(dirname "$f")"
                  cp -p "$f" "$dir$f"
                fi
              done
            }

            lb_restore() {
              # lb_restore DIR FILE... : puts the snapshot back; files that did not exist before are removed again.
              local dir=$1 f
              shift
              for f in "$@"; do
                if [ -f "$dir$f" ]; then
                  cp -p "$dir$f" "$f"
                else
                  rm -f "$f"
                fi
              done
            }

            lb_apply() {
              # lb_apply SERVICE STATE FILE... : restarts the service when its files differ from the ones it was last
              # restarted with (recorded in STATE), else only makes sure that it is enabled and running. Comparing
              # with the last applied files, not with the files before this run, also catches a run that wrote them
              # but was cut off before the restart.
              local service=$1 state=$2 now
              shift 2
              now=$(kw_fingerprint "$@")
              if [ "$(cat "$state" 2>/dev/null)" != "$now" ]; then
                systemctl enable --quiet "$service"
                systemctl restart "$service" || { journalctl -u "$service" -n 30 --no-pager >&2; return 1; }
                mkdir -p "$(dirname "$state")"
                printf '%s\\n' "$now" > "$state"
              elif ! systemctl is-enabled --quiet "$service" || ! systemctl is-active --quiet "$service"; then
                systemctl enable --quiet --now "$service" \\
                  || { journalctl -u "$service" -n 30 --no-pager >&2; return 1; }
              else
                echo "$service: configuration unchanged, left running"
              fi
            }
            """;

    private LoadBalancerSteps() {
    }

    /** The LB-phase steps that run on {@code host}, in order; empty when it has no part in the load balancer. */
    public static List<Step> forHost(ClusterPlan plan, PlanHost host) {
        if (plan.lbMode() == LbMode.EXTERNAL) {
            return host.kind() == HostKind.LOAD_BALANCER ? List.of(nginx(plan, host)) : List.of();
        }
        if (host.kind() != HostKind.MASTER) {
            return List.of();
        }
        return List.of(haproxy(plan, host), keepalived(plan, host));
    }

    private static Step nginx(ClusterPlan plan, PlanHost host) {
        int port = endpointPort(plan);
        String address = vipOr(plan, host.address());
        String conf = NginxStreamConfig.NGINX_CONF;
        String managed = Bash.words(List.of(conf, NginxStreamConfig.STREAM_FILE));
        String includeLine = NginxStreamConfig.includeLine(NginxStreamConfig.STREAM_DIR);
        StepFile stream = StepFile.of(NginxStreamConfig.STREAM_FILE, "0644", NginxStreamConfig.render(plan));
        return new StepBuilder("lb-nginx", Phase.LB, host).texts("lb.nginx", String.valueOf(port), address)
                .run(PORT_ANSWERS, CHANGE_FUNCTIONS)
                .run("# The plain nginx package has no stream module: libnginx-mod-stream adds it (loaded through",
                        "# /etc/nginx/modules-enabled). nginx-full would pull in a dozen modules nobody uses here.",
                        "kw_apt_install nginx libnginx-mod-stream",
                        "snapshot=$(mktemp -d)",
                        "trap 'rm -rf \"$snapshot\"' EXIT",
                        "lb_snapshot \"$snapshot\" " + managed)
                .check(PORT_ANSWERS, "kw_installed nginx libnginx-mod-stream")
                .writeChecked(stream)
                .run(NginxStreamConfig.includeScript(conf, includeLine, NginxStreamConfig.NGINX_CONF_BACKUP))
                .check("grep -qxF -- " + Bash.quote(includeLine) + " " + conf)
                .run(validated("nginx -t", managed,
                        "nginx -t rejected the new configuration (see above); the previous files are back and nginx"
                                + " keeps running unchanged."))
                .run(applied("nginx", managed))
                .run("if ! kw_retry 10 1 lb_port_answers 127.0.0.1 " + port + "; then",
                        "  echo " + Bash.quote("nginx runs but nothing answers on port " + port + " of this host.")
                                + " >&2",
                        "  exit 1",
                        "fi",
                        "if ! kw_retry 5 1 lb_port_answers " + address + " " + port + "; then",
                        "  echo " + Bash.quote("The endpoint " + address + ":" + port + " does not answer on this"
                                + " host: the VIP must be one of its own addresses. kubewizard does not add it with"
                                + " ip addr add (lost on reboot, no failover); for a floating VIP choose keepalived"
                                + " mode.") + " >&2",
                        "  exit 1",
                        "fi",
                        "echo " + Bash.quote("nginx forwards " + address + ":" + port + " to the masters' port "
                                + APISERVER_PORT + "."))
                .check("nginx -t -q",
                        appliedCheck("nginx", managed),
                        "systemctl is-enabled --quiet nginx",
                        "systemctl is-active --quiet nginx",
                        "lb_port_answers 127.0.0.1 " + port,
                        "lb_port_answers " + address + " " + port)
                .build();
    }

    private static Step haproxy(ClusterPlan plan, PlanHost host) {
        int port = masterProxyPort(plan);
        String managed = Bash.quote(HaproxyConfig.PATH);
        return new StepBuilder("lb-haproxy", Phase.LB, host).texts("lb.haproxy", String.valueOf(port))
                .run(PORT_ANSWERS, CHANGE_FUNCTIONS)
                .run("kw_apt_install haproxy",
                        "snapshot=$(mktemp -d)",
                        "trap 'rm -rf \"$snapshot\"' EXIT",
                        "lb_snapshot \"$snapshot\" " + managed)
                .check(PORT_ANSWERS, "kw_installed haproxy")
                .writeChecked(StepFile.of(HaproxyConfig.PATH, "0644", HaproxyConfig.render(plan)))
                .run(validated("haproxy -c -f " + managed, managed,
                        "haproxy -c rejected the new configuration (see above); the previous file is back and"
                                + " haproxy keeps running unchanged."))
                .run(applied("haproxy", managed))
                .run("if ! kw_retry 10 1 lb_port_answers 127.0.0.1 " + port + "; then",
                        "  echo " + Bash.quote("haproxy runs but nothing answers on port " + port + " of this master.")
                                + " >&2",
                        "  exit 1",
                        "fi")
                .check(appliedCheck("haproxy", managed),
                        "systemctl is-enabled --quiet haproxy",
                        "systemctl is-active --quiet haproxy",
                        "lb_port_answers 127.0.0.1 " + port)
                .build();
    }

    private static Step keepalived(ClusterPlan plan, PlanHost host) {
        int port = masterProxyPort(plan);
        String vip = vip(plan);
        boolean detect = KeepalivedConfig.interfaceOf(plan).contains("{{");
        String managed = Bash.words(List.of(KeepalivedConfig.PATH, KeepalivedConfig.CHECK_SCRIPT));
        StepFile config = StepFile.of(KeepalivedConfig.PATH, "0644", KeepalivedConfig.render(plan, host.hostname()));
        StepFile checkScript = StepFile.of(KeepalivedConfig.CHECK_SCRIPT, "0755", KeepalivedConfig.checkScript(plan));
        String[] fills = detect
                ? new String[] {KeepalivedConfig.INTERFACE_PLACEHOLDER + "=\"$VIP_INTERFACE\""}
                : new String[0];
        return new StepBuilder("lb-keepalived", Phase.LB, host)
                .texts("lb.keepalived", vip, String.valueOf(KeepalivedConfig.priority(plan, host.hostname())))
                .run(PORT_ANSWERS, CHANGE_FUNCTIONS)
                .run("kw_apt_install keepalived")
                .run(interfaceLines(plan, host.address(), true))
                .check(PORT_ANSWERS, "kw_installed keepalived")
                .check(interfaceLines(plan, host.address(), false))
                .run("snapshot=$(mktemp -d)",
                        "trap 'rm -rf \"$snapshot\"' EXIT",
                        "lb_snapshot \"$snapshot\" " + managed)
                .writeChecked(checkScript)
                .writeChecked(config, fills)
                .run(validated("keepalived -t -f " + Bash.quote(KeepalivedConfig.PATH), managed,
                        "keepalived -t rejected the new configuration (see above); the previous files are back and"
                                + " keepalived keeps running unchanged."))
                .run(applied("keepalived", managed))
                .run("# The highest-priority master takes the VIP within about 4 s; any master may hold it now.",
                        "if ! kw_retry 15 1 lb_port_answers " + vip + " " + port + "; then",
                        "  echo \"Nothing answers on the VIP " + vip + ":" + port + " (VRRP on $VIP_INTERFACE)."
                                + " Check that no other machine uses " + vip
                                + " and that the masters reach each other (VRRP is IP protocol 112).\" >&2",
                        "  exit 1",
                        "fi",
                        "if [ -n \"$(ip -o -4 addr show to " + vip + "/32)\" ]; then",
                        "  echo " + Bash.quote("This master holds the VIP " + vip + " now."),
                        "else",
                        "  echo " + Bash.quote("The VIP " + vip + " is held by another master; this one stands by."),
                        "fi")
                .check(appliedCheck("keepalived", managed),
                        "systemctl is-enabled --quiet keepalived",
                        "systemctl is-active --quiet keepalived",
                        "lb_port_answers " + vip + " " + port)
                .build();
    }

    /**
     * Bash that sets VIP_INTERFACE: detected as the interface carrying {@code address} (when the plan names none), or
     * the plan's interface after checking that it exists. Fails with a clear message either way.
     */
    static String interfaceLines(ClusterPlan plan, String address, boolean verbose) {
        String iface = KeepalivedConfig.interfaceOf(plan);
        if (!iface.contains("{{")) {
            return "VIP_INTERFACE=" + Bash.quote(iface) + "\n"
                    + "if ! ip link show dev \"$VIP_INTERFACE\" >/dev/null 2>&1; then\n"
                    + "  echo " + Bash.quote("This master has no network interface " + iface
                    + " (loadBalancer.interface in the plan).") + " >&2\n"
                    + "  exit 1\n"
                    + "fi\n";
        }
        return interfaceDetection()
                + "VIP_INTERFACE=$(lb_vip_interface " + address + ")\n"
                + "if [ -z \"$VIP_INTERFACE\" ]; then\n"
                + "  echo " + Bash.quote("No network interface of this master carries its plan address " + address
                + ", so keepalived cannot be told where the VIP " + vip(plan) + " belongs. Check the address in the"
                + " plan, or set loadBalancer.interface.") + " >&2\n"
                + "  exit 1\n"
                + "fi\n"
                + (verbose ? "echo \"VIP interface: $VIP_INTERFACE (it carries " + address + ")\"\n" : "");
    }

    /** lb_vip_interface ADDRESS: the interface that carries ADDRESS according to {@code ip -o -4 addr show}. */
    static String interfaceDetection() {
        return """
                lb_vip_interface() {
                  # lb_vip_interface ADDRESS : prints the network interface that carries ADDRESS (nothing if none).
                  # awk reads all input (no early exit) so that ip never dies of SIGPIPE under pipefail.
                  ip -o -4 addr show | awk -v address="$1" '
                    !found {
                      split($4, cidr, "/")
                      if (cidr[1] == address) { name = $2; sub(/@.*/, "", name); print name; found = 1 }
                    }
                  '
                }
                """;
    }

    /** Runs a configuration test; when it fails, the snapshot is put back and the step stops. */
    private static String validated(String test, String managed, String failure) {
        return "if ! " + test + "; then\n"
                + "  lb_restore \"$snapshot\" " + managed + "\n"
                + "  echo " + Bash.quote(failure) + " >&2\n"
                + "  exit 1\n"
                + "fi\n";
    }

    private static String applied(String service, String managed) {
        return "lb_apply " + service + " " + appliedState(service) + " " + managed + "\n";
    }

    /** Check: the service was last restarted with exactly the files that are there now. */
    private static String appliedCheck(String service, String managed) {
        return "[ \"$(cat " + appliedState(service) + " 2>/dev/null)\" = \"$(kw_fingerprint " + managed + ")\" ]";
    }

    /** Where a step records the fingerprint of the files its service was last restarted with. */
    static String appliedState(String service) {
        return STATE_DIR + "/" + service + ".applied";
    }

    /** The port the load balancer listens on: the endpoint's (the course: 6443 on the dedicated host). */
    static int endpointPort(ClusterPlan plan) {
        return endpoint(plan).portOrDefault();
    }

    /** The proxy port on the masters in keepalived mode; 6443 is refused because kube-apiserver binds *:6443. */
    static int masterProxyPort(ClusterPlan plan) {
        int port = endpointPort(plan);
        if (port == APISERVER_PORT) {
            throw new IllegalArgumentException("keepalived mode runs haproxy on every master, where kube-apiserver"
                    + " already binds *:" + APISERVER_PORT + ": choose another endpoint port, e.g. 16443");
        }
        return port;
    }

    /** The endpoint's VIP; required in keepalived mode. */
    static String vip(ClusterPlan plan) {
        String vip = endpoint(plan).vip();
        if (vip == null || vip.isBlank()) {
            throw new IllegalArgumentException("the control-plane endpoint has no VIP");
        }
        return vip.strip();
    }

    private static String vipOr(ClusterPlan plan, String fallback) {
        String vip = endpoint(plan).vip();
        return vip == null || vip.isBlank() ? fallback : vip.strip();
    }

    private static Endpoint endpoint(ClusterPlan plan) {
        if (plan.cluster() == null || plan.cluster().endpoint() == null) {
            throw new IllegalArgumentException("the plan has no control-plane endpoint");
        }
        return plan.cluster().endpoint();
    }
}
