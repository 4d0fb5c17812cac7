package dev.kubewizard.recipe;

import dev.kubewizard.text.Messages;

/**
 * What an earlier, half-finished kubeadm run leaves on a node, as bash. kubeadm itself fails on it with
 * {@code [ERROR Port-10250]} or {@code [ERROR DirAvailable--etc-kubernetes-manifests]}; kubewizard finds it first and
 * stops with {@value #EXIT_NEEDS_RESET}, the exit code that makes the installer offer "reset node".
 */
public final class KubeadmLeftovers {
    /** A step script that exits with this code asks for the node to be reset ({@code ClusterSteps.reset}). */
    public static final int EXIT_NEEDS_RESET = 4;

    /** The ports kubeadm's preflight wants free on a node (the LB on masters listens elsewhere). */
    static final String PORTS = "6443 2379 2380 10250 10257 10259";

    private KubeadmLeftovers() {
    }

    /** {@code kubeadm_leftovers}: prints one line per leftover, nothing on a clean node. Read-only. */
    static String detectFunction() {
        return """
                # What an earlier kubeadm run left on this node, one line each; nothing on a clean node.
                kubeadm_leftovers() {
                  local path port
                  for path in /etc/kubernetes/manifests /var/lib/etcd; do
                    if [ -n "$(ls -A "$path" 2>/dev/null)" ]; then
                      echo "$path is not empty"
                    fi
                  done
                  for path in /etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf \\
                      /etc/kubernetes/pki/ca.crt; do
                    if [ -e "$path" ]; then
                      echo "$path exists"
                    fi
                  done
                  for port in %s; do
                    if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
                      echo "port $port is in use ([ERROR Port-$port])"
                    fi
                  done
                }
                """.formatted(PORTS);
    }

    /**
     * {@code needs_reset WHAT...}: lists what was found, says in both languages to reset the node, exits
     * {@value #EXIT_NEEDS_RESET}. {@code failed_on_leftovers FILE}: the same when kubeadm's saved output shows that its
     * preflight stopped on files or ports of an earlier run.
     */
    static String reportFunctions(String hostname) {
        return """
                # Stop with exit code %1$d: kubewizard then offers "reset node" for this machine.
                needs_reset() {
                  local item
                  for item in "$@"; do
                    echo "  - $item" >&2
                  done
                  echo %2$s >&2
                  echo %3$s >&2
                  exit %1$d
                }

                failed_on_leftovers() {
                  if grep -Eq '\\[ERROR (Port-|DirAvailable-|FileAvailable-)' "$1"; then
                    needs_reset "kubeadm's preflight found files or ports of an earlier run (see above)"
                  fi
                }
                """.formatted(EXIT_NEEDS_RESET,
                Bash.quote("kubewizard: " + Messages.format("cluster.message.needs-reset", "zh", hostname)),
                Bash.quote("kubewizard: " + Messages.format("cluster.message.needs-reset", "en", hostname)));
    }

    /** Bash: stop when anything is left over. Needs {@link #detectFunction()} and {@link #reportFunctions}. */
    static String stopOnLeftovers() {
        return """
                mapfile -t leftovers < <(kubeadm_leftovers)
                if [ "${#leftovers[@]}" -gt 0 ]; then
                  needs_reset "${leftovers[@]}"
                fi
                """;
    }

    /** Both languages of a message as bash lines on stderr. */
    static String say(String key, Object... args) {
        return "echo " + Bash.quote("kubewizard: " + Messages.format(key, "zh", args)) + " >&2\n"
                + "echo " + Bash.quote("kubewizard: " + Messages.format(key, "en", args)) + " >&2\n";
    }

    /** The body of the reset step: kubeadm reset plus what kubeadm leaves behind. */
    static String resetScript() {
        return """
                # kubectl's copies of admin.conf go with the cluster they belong to.
                forget_kubeconfig() {
                  local home
                  home=$(getent passwd "$1" | cut -d: -f6)
                  if [ -n "$home" ] && [ -f /etc/kubernetes/admin.conf ] && cmp -s /etc/kubernetes/admin.conf "$home/.kube/config"; then
                    rm -f "$home/.kube/config"
                    echo "removed: $home/.kube/config"
                  fi
                }
                forget_kubeconfig root
                if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
                  forget_kubeconfig "$SUDO_USER"
                fi

                # Stops the kubelet, removes the static pods, certificates, kubeconfigs and (on a master) its etcd member.
                kubeadm reset -f --cri-socket %s

                # kubeadm leaves the CNI configuration, Calico's state and the iptables rules alone.
                if [ -d /etc/cni/net.d ]; then
                  find /etc/cni/net.d -mindepth 1 -delete
                fi
                rm -rf /var/lib/calico /var/run/calico /var/lib/cni
                for table in iptables ip6tables; do
                  if command -v "$table-save" >/dev/null && command -v "$table-restore" >/dev/null; then
                    # Keep every rule that is not Kubernetes' (KUBE-*) or Calico's (cali-*).
                    rules=$("$table-save")
                    printf '%%s\\n' "$rules" | { grep -v -e 'KUBE-' -e 'cali-' -e 'cali:' || true; } | "$table-restore"
                  fi
                done
                if command -v ipvsadm >/dev/null; then
                  ipvsadm --clear
                fi
                echo "this node is clean: it can be initialised or joined again"
                """.formatted(KubeadmConfig.CRI_SOCKET);
    }

    /** The reset step's check: nothing left over and no CNI configuration. */
    static String cleanCheck() {
        return detectFunction() + """
                [ -z "$(kubeadm_leftovers)" ]
                [ -z "$(ls -A /etc/cni/net.d 2>/dev/null)" ]
                """;
    }
}
