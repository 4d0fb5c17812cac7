package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Remedy.EDIT_PLAN;
import static dev.kubewizard.diagnosis.Remedy.RESET_NODE;
import static dev.kubewizard.diagnosis.Remedy.RETRY_NODE;

import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.util.List;

/**
 * Every failure the diagnosis can name, most specific first: when several are recognised in one output, the one
 * declared first is reported first. Causes of one family explain the same failure (a DNS failure also makes mirrors
 * unreachable; leftover files and leftover ports both mean "reset the node"), so only the first of a family is
 * reported. A variant is the same finding id told differently (the port's holder is known, or not).
 *
 * <p>Texts: {@code diagnosis.<id>[.<variant>].cause} and {@code .fix} in the diagnosis bundle, with {@link #arity}
 * arguments.
 */
enum Cause {
    CONNECTION_LOST("connection-lost", null, "connection", RETRY_NODE, 1),
    SUDO_WRONG_PASSWORD("sudo-wrong-password", null, "sudo", RETRY_NODE, 0),
    SUDO_NO_PASSWORD("sudo-no-password", null, "sudo", RETRY_NODE, 0),
    SUDO_NOT_ALLOWED("sudo-not-allowed", null, "sudo", RETRY_NODE, 0),
    DUPLICATE_PRODUCT_UUID("duplicate-product-uuid", null, "cloned-uuid", RETRY_NODE, 0),
    DUPLICATE_MAC("duplicate-mac", null, "cloned-mac", RETRY_NODE, 0),
    UNSUPPORTED_OS("unsupported-os", null, "os", RETRY_NODE, 0),
    DISK_FULL("disk-full", null, "disk", RETRY_NODE, 0),
    NEEDRESTART_QUESTION("needrestart-question", null, "apt-blocked", RETRY_NODE, 0),
    DPKG_INTERRUPTED("dpkg-interrupted", null, "apt-blocked", RETRY_NODE, 0),
    DPKG_LOCK("dpkg-lock", null, "apt-blocked", RETRY_NODE, 0),
    CLOCK_WRONG("clock-wrong", null, "tls", RETRY_NODE, 0),
    CRI_NOT_LOADED("cri-not-loaded", null, "cri", RETRY_NODE, 0),
    CRI_NOT_RUNNING("cri-not-running", null, "cri", RETRY_NODE, 0),
    SWAPOFF_FAILED("swapoff-failed", null, "swap", RETRY_NODE, 0),
    SWAP_ON("swap-on", null, "swap", RETRY_NODE, 0),
    NUM_CPU("num-cpu", null, "cpu", RETRY_NODE, 0),
    MEMORY("memory", null, "memory", RETRY_NODE, 0),
    BRIDGE_NETFILTER("bridge-netfilter", null, "bridge-netfilter", RETRY_NODE, 0),
    IP_FORWARD("ip-forward", null, "ip-forward", RETRY_NODE, 0),
    /** {0} program, {1} Ubuntu package. */
    MISSING_PROGRAM("missing-program", null, "missing-program", RETRY_NODE, 2),
    /** {0} port, {1} the program that holds it (named by kubewizard's preflight, not a Kubernetes one). */
    PORT_IN_USE_FOREIGN("port-in-use", "foreign", "port-foreign", RETRY_NODE, 2),
    /** {0} port; on the load balancer, or a port no Kubernetes component uses. */
    PORT_IN_USE_OTHER("port-in-use", "other", "port-other", RETRY_NODE, 1),
    /** {0} host. */
    NEEDS_RESET_CONFIG_CHANGED("needs-reset", "config-changed", "leftovers", RESET_NODE, 1),
    /** {0} host. */
    NEEDS_RESET_HALF_INITIALISED("needs-reset", "half-initialised", "leftovers", RESET_NODE, 1),
    /** {0} host. */
    NEEDS_RESET_NOT_REGISTERED("needs-reset", "not-registered", "leftovers", RESET_NODE, 1),
    /** {0} port, {1} the Kubernetes component that uses it. */
    PORT_IN_USE("port-in-use", null, "leftovers", RESET_NODE, 2),
    /** {0} path. */
    FILE_EXISTS("file-exists", null, "leftovers", RESET_NODE, 1),
    /** {0} path. */
    DIR_NOT_EMPTY("dir-not-empty", null, "leftovers", RESET_NODE, 1),
    OTHER_KUBERNETES_VERSION("other-kubernetes-version", null, "version", RESET_NODE, 0),
    /** {0} node name. */
    NODE_NAME_TAKEN("node-name-taken", null, "node-name", RESET_NODE, 1),
    JOIN_DATA_EXPIRED("join-data-expired", null, "join-data", RETRY_NODE, 0),
    ETCD_UNHEALTHY("etcd-unhealthy", null, "etcd", RESET_NODE, 0),
    /** {0} the file nginx names. */
    NGINX_STREAM_IN_HTTP("nginx-stream-in-http", null, "nginx", RETRY_NODE, 1),
    NGINX_STREAM_MODULE_MISSING("nginx-stream-module-missing", null, "nginx", RETRY_NODE, 0),
    /** {0} address:port. */
    LB_VIP_NOT_LOCAL("lb-vip-not-local", null, "vip", EDIT_PLAN, 1),
    /** {0} registry. */
    REGISTRY_HTTP("registry-http", null, "registry", EDIT_PLAN, 1),
    /** {0} registry. */
    REGISTRY_UNTRUSTED_CERT("registry-untrusted-cert", null, "registry", EDIT_PLAN, 1),
    /** {0} the name or address the certificate does not cover. */
    X509_WRONG_NAME("x509-wrong-name", null, "tls", EDIT_PLAN, 1),
    X509_UNKNOWN_AUTHORITY("x509-unknown-authority", null, "tls", RETRY_NODE, 0),
    /** {0} repository. */
    APT_KEY_EXPIRED("apt-key-expired", null, "apt-key", RETRY_NODE, 1),
    /** {0} repository. */
    APT_KEY_MISSING("apt-key-missing", null, "apt-key", RETRY_NODE, 1),
    /** {0} the endpoint name. */
    ENDPOINT_NAME_UNRESOLVED("endpoint-name-unresolved", null, "dns", RETRY_NODE, 1),
    /** {0} a name that only /etc/hosts can know (no dot, or .local and the like). */
    DNS_FAILURE_LOCAL("dns-failure", "local", "dns", RETRY_NODE, 1),
    /** {0} the name that does not resolve. */
    DNS_FAILURE("dns-failure", null, "dns", RETRY_NODE, 1),
    /** {0} registry. */
    REGISTRY_UNAUTHORIZED("registry-unauthorized", null, "image", RETRY_NODE, 1),
    REGISTRY_RATE_LIMIT("registry-rate-limit", null, "image", EDIT_PLAN, 0),
    /** {0} image. */
    IMAGE_NOT_FOUND("image-not-found", null, "image", EDIT_PLAN, 1),
    /** {0} registry.k8s.io or k8s.gcr.io. */
    IMAGE_PULL_TIMEOUT_K8S("image-pull-timeout", "k8s", "image", EDIT_PLAN, 1),
    /** {0} docker.io, quay.io, ghcr.io or gcr.io. */
    IMAGE_PULL_TIMEOUT_HUB("image-pull-timeout", "hub", "image", EDIT_PLAN, 1),
    /** {0} registry (a mirror, Harbor). */
    IMAGE_PULL_TIMEOUT("image-pull-timeout", null, "image", RETRY_NODE, 1),
    /** {0} URL, {1} the plan field it comes from. */
    MIRROR_WRONG("mirror-wrong", null, "mirror", EDIT_PLAN, 2),
    /** {0} package, {1} the plan field of the repository that should have it. */
    MIRROR_WRONG_PACKAGE("mirror-wrong", "package", "mirror", EDIT_PLAN, 2),
    /** {0} URL or host, {1} the plan field it comes from. */
    MIRROR_UNREACHABLE("mirror-unreachable", null, "mirror", EDIT_PLAN, 2),
    /** {0} host:port. */
    ENDPOINT_REFUSED("endpoint-refused", null, "endpoint", RETRY_NODE, 1),
    /** {0} host:port. */
    ENDPOINT_NO_ROUTE("endpoint-no-route", null, "endpoint", RETRY_NODE, 1),
    /** {0} host:port. */
    ENDPOINT_TIMEOUT("endpoint-timeout", null, "endpoint", RETRY_NODE, 1),
    /** {0} host:port. */
    ENDPOINT_NO_BACKEND("endpoint-no-backend", null, "endpoint", RETRY_NODE, 1),
    /** {0} kubeadm's name of the check. */
    PREFLIGHT_ERROR("preflight-error", null, "preflight", RETRY_NODE, 1),
    /** {0} host. */
    NEEDS_RESET("needs-reset", null, "leftovers", RESET_NODE, 1),
    KUBELET_UNHEALTHY("kubelet-unhealthy", null, "kubelet", RESET_NODE, 0),
    CONTROL_PLANE_NOT_STARTING("control-plane-not-starting", null, "kubelet", RESET_NODE, 0),
    IMAGE_PULL_FAILED("image-pull-failed", null, "image", RETRY_NODE, 0),
    CLUSTER_NOT_READY("cluster-not-ready", null, "cluster-ready", RETRY_NODE, 0);

    final String id;
    final String variant;
    final String family;
    final Remedy remedy;
    final int arity;

    Cause(String id, String variant, String family, Remedy remedy, int arity) {
        this.id = id;
        this.variant = variant;
        this.family = family;
        this.remedy = remedy;
        this.arity = arity;
    }

    /** The message key without its {@code .cause} / {@code .fix} ending. */
    String key() {
        return "diagnosis." + id + (variant == null ? "" : "." + variant);
    }

    Finding finding(List<String> args, List<String> evidence) {
        if (args.size() != arity) {
            throw new IllegalArgumentException(this + " takes " + arity + " arguments, not " + args);
        }
        Object[] values = args.toArray();
        Text cause = Messages.text(key() + ".cause", values);
        Text fix = Messages.text(key() + ".fix", values);
        return new Finding(id, cause, fix, remedy, evidence);
    }
}
