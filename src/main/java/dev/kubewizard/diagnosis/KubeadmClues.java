package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Lines.group;
import static dev.kubewizard.diagnosis.Lines.hasAny;

import dev.kubewizard.recipe.Phase;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubeadm init and join (1.31-1.35 wording, older where it still circulates), and the messages of kubewizard's own
 * kubeadm steps (cluster.message.* in the cluster bundle, and the leftover list of KubeadmLeftovers).
 */
final class KubeadmClues {
    /** What normally listens on each port kubeadm wants free. */
    private static final Map<String, String> PORT_OWNERS = Map.of(
            "6443", "kube-apiserver", "2379", "etcd", "2380", "etcd", "10250", "kubelet",
            "10257", "kube-controller-manager", "10259", "kube-scheduler", "10248", "kubelet",
            "10249", "kube-proxy", "10256", "kube-proxy");
    /** Programs kubeadm looks for, and the Ubuntu package that has them. */
    private static final Map<String, String> PROGRAM_PACKAGES = Map.of(
            "crictl", "cri-tools", "ip", "iproute2", "tc", "iproute2", "nsenter", "util-linux",
            "touch", "coreutils");
    private static final Pattern MISSING_PROGRAM = Pattern.compile("\\[ERROR FileExisting-([\\w.+-]+)\\]");
    private static final Pattern PORT_ERROR = Pattern.compile("\\[ERROR Port-(\\d+)\\]");
    private static final Pattern PORT_IN_USE = Pattern.compile("Port (\\d+) is in use");
    private static final Pattern LISTEN_IN_USE =
            Pattern.compile("listen tcp \\S*:(\\d+): bind: address already in use");
    /** kubewizard's preflight: "PROBLEM: port 6443 is in use by nginx; it must be free (kubeadm [ERROR Port-6443])". */
    private static final Pattern PREFLIGHT_HOLDER = Pattern.compile("is in use by (.+?); it must be free");
    private static final Pattern FILE_AVAILABLE =
            Pattern.compile("\\[ERROR FileAvailable--([^\\]]+)\\](?::\\s*(\\S+) already exists)?");
    private static final Pattern DIR_AVAILABLE =
            Pattern.compile("\\[ERROR DirAvailable--([^\\]]+)\\](?::\\s*(\\S+) is not empty)?");
    /** The list kubewizard prints before exit 4: "  - /etc/kubernetes/admin.conf exists". */
    private static final Pattern LEFTOVER_FILE = Pattern.compile("^- (/\\S+) exists$");
    private static final Pattern LEFTOVER_DIR = Pattern.compile("^- (/\\S+) is not empty$");
    private static final Pattern NODE_NAME =
            Pattern.compile("a Node with name \"([^\"]+)\" and status \"[^\"]*\" already exists in the cluster");
    private static final Pattern OTHER_ERROR = Pattern.compile("\\[ERROR ([\\w.-]+)\\]");
    private static final Pattern ETCD_DIAL =
            Pattern.compile("dial tcp \\S+:(?:2379|2380): (?:connect: |i/o timeout)");

    private KubeadmClues() {
    }

    /** {@code [ERROR NumCPU]} and {@code [ERROR Mem]}, from kubeadm or kubewizard's preflight that quotes them. */
    static Clue resources(String line, ScanState state) {
        if (!line.contains("[ERROR ")) {
            return null;
        }
        if (line.contains("[ERROR NumCPU]")) {
            return Clue.of(Cause.NUM_CPU);
        }
        if (line.contains("[ERROR Mem]")) {
            return Clue.of(Cause.MEMORY);
        }
        return null;
    }

    /** {@code [ERROR FileExisting-conntrack]: conntrack not found in system path}. */
    static Clue missingProgram(String line, ScanState state) {
        String program = line.contains("[ERROR FileExisting-") ? group(MISSING_PROGRAM, line) : null;
        if (program == null) {
            return null;
        }
        return Clue.of(Cause.MISSING_PROGRAM, program, PROGRAM_PACKAGES.getOrDefault(program, program));
    }

    /**
     * The messages with which kubewizard's kubeadm steps stop (exit 4) before kubeadm runs: they already say which
     * earlier state is in the way.
     */
    static Clue resetMessages(String line, ScanState state) {
        if (!line.startsWith("kubewizard: ")) {
            return null;
        }
        if (line.contains("was made from a different configuration")) {
            return Clue.of(Cause.NEEDS_RESET_CONFIG_CHANGED, state.host);
        }
        if (line.contains("An earlier kubeadm init on") && line.contains("did not finish")) {
            return Clue.of(Cause.NEEDS_RESET_HALF_INITIALISED, state.host);
        }
        if (line.contains("has the kubelet configuration of an earlier join")) {
            return Clue.of(Cause.NEEDS_RESET_NOT_REGISTERED, state.host);
        }
        if (line.contains("still holds what an earlier install left")) {
            // the list printed above it names what is left; this line only says "reset"
            return Clue.hint(Cause.NEEDS_RESET, state.host);
        }
        return null;
    }

    /** A port kubeadm wants free is taken; its usual holder decides what to do. */
    static Clue ports(String line, ScanState state) {
        String port = null;
        if (line.contains("[ERROR Port-")) {
            port = group(PORT_ERROR, line);
        } else if (line.contains(" is in use")) {
            port = group(PORT_IN_USE, line);
        } else if (line.contains("bind: address already in use")) {
            port = group(LISTEN_IN_USE, line);
        }
        if (port == null) {
            return null;
        }
        String holder = line.contains("is in use by ") ? group(PREFLIGHT_HOLDER, line) : null;
        String usual = PORT_OWNERS.get(port);
        if (holder != null && !holder.equals("another program") && !isKubernetes(holder)) {
            return Clue.of(Cause.PORT_IN_USE_FOREIGN, port, holder);
        }
        if (usual == null || state.phase == Phase.LB) {
            return Clue.of(Cause.PORT_IN_USE_OTHER, port);
        }
        return Clue.of(Cause.PORT_IN_USE, port, usual);
    }

    /** ss shows at most 15 characters of a process name: kube-controller, kube-scheduler, ... */
    private static boolean isKubernetes(String program) {
        return program.startsWith("kube") || program.equals("etcd");
    }

    /** Files and directories an earlier kubeadm run left, as kubeadm's preflight or kubewizard's list name them. */
    static Clue leftoverFiles(String line, ScanState state) {
        if (line.contains("[ERROR FileAvailable--")) {
            return Clue.of(Cause.FILE_EXISTS, pathOrCheck(FILE_AVAILABLE.matcher(line)));
        }
        if (line.contains("[ERROR DirAvailable--")) {
            return Clue.of(Cause.DIR_NOT_EMPTY, pathOrCheck(DIR_AVAILABLE.matcher(line)));
        }
        if (line.startsWith("- /")) {
            String file = group(LEFTOVER_FILE, line);
            if (file != null) {
                return Clue.of(Cause.FILE_EXISTS, file);
            }
            String dir = group(LEFTOVER_DIR, line);
            if (dir != null) {
                return Clue.of(Cause.DIR_NOT_EMPTY, dir);
            }
        }
        return null;
    }

    private static String pathOrCheck(Matcher m) {
        if (!m.find()) {
            return "?";
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** kubewizard's packages and kubeadm-config steps, and kubeadm's own version check. */
    static Clue otherVersion(String line, ScanState state) {
        if (hasAny(line, "run kubeadm reset on it first", "[ERROR KubeletVersion]")
                || line.contains("the installed kubeadm is") && line.contains("the plan says")) {
            return Clue.of(Cause.OTHER_KUBERNETES_VERSION);
        }
        return null;
    }

    /** kubeadm join: the node name is taken, or the token / certificate key are no longer valid. */
    static Clue join(String line, ScanState state) {
        if (line.contains("already exists in the cluster")) {
            String name = group(NODE_NAME, line);
            if (name != null) {
                return Clue.of(Cause.NODE_NAME_TAKEN, name);
            }
        }
        if (hasAny(line, "JWS signature in the cluster-info ConfigMap for token ID",
                "does not yet contain a JWS signature for token ID", "Secret \"kubeadm-certs\" was not found",
                "This Secret might have expired", "message authentication failed")) {
            return Clue.of(Cause.JOIN_DATA_EXPIRED);
        }
        return null;
    }

    /** A control-plane join that cannot add its etcd member. */
    static Clue etcd(String line, ScanState state) {
        if (hasAny(line, "etcd cluster is not healthy", "etcdserver: unhealthy cluster",
                "re-configuration failed due to not enough started members", "Peer URLs already exists",
                "error creating local etcd static pod manifest file")
                || line.contains("dial tcp ") && ETCD_DIAL.matcher(line).find()) {
            return Clue.of(Cause.ETCD_UNHEALTHY);
        }
        return null;
    }

    /** Any other fatal preflight check, named as kubeadm names it. */
    static Clue otherPreflightError(String line, ScanState state) {
        String check = line.contains("[ERROR ") ? group(OTHER_ERROR, line) : null;
        if (check == null) {
            return null;
        }
        if (check.startsWith("ImagePull")) {
            return Clue.of(Cause.IMAGE_PULL_FAILED);
        }
        return Clue.of(Cause.PREFLIGHT_ERROR, check);
    }

    /**
     * kubeadm gave up waiting for the kubelet ([kubelet-check]) or for the API server ([api-check], or "timed out
     * waiting for the condition" before 1.30). Symptoms: the cause is usually said elsewhere, or only in the kubelet's
     * journal.
     */
    static Clue kubelet(String line, ScanState state) {
        if (hasAny(line, "The kubelet is not healthy after", "It seems like the kubelet isn't running or healthy",
                "failed while waiting for the kubelet to start", "[kubelet-check] Initial timeout of")
                || line.contains("error execution phase kubelet-start") && line.contains("timed out")) {
            return Clue.hint(Cause.KUBELET_UNHEALTHY);
        }
        if (hasAny(line, "The API server is not healthy after", "initialize a Kubernetes cluster",
                "The kubelet is not running")
                || line.contains("wait-control-plane") && line.contains("timed out")) {
            return Clue.hint(Cause.CONTROL_PLANE_NOT_STARTING);
        }
        return null;
    }

    /** kubectl wait / rollout status giving up in the CNI, Harbor and verify steps. */
    static Clue clusterNotReady(String line, ScanState state) {
        if (state.phase != Phase.CNI && state.phase != Phase.HARBOR && state.phase != Phase.VERIFY) {
            return null;
        }
        if (hasAny(line, "timed out waiting for the condition", "exceeded its progress deadline",
                "the cluster should have exactly these")) {
            return Clue.hint(Cause.CLUSTER_NOT_READY);
        }
        return null;
    }
}
