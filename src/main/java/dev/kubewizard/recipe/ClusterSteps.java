package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.Harbor;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.Role;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The cluster itself, in the course's order: kubeadm init on the first master, the other masters one at a time, the
 * workers, Calico, the Harbor pull test, and the final check. Every kubectl call on a master uses
 * {@value #ADMIN_CONF}; the join data for each node is made fresh on the first master right before that node joins.
 */
public final class ClusterSteps {
    static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";
    static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
    static final String API_SERVER_MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";
    static final String INIT_OUTPUT = "/root/kubeadm-init.txt";
    static final String JOIN_OUTPUT = "/root/kubeadm-join.txt";
    public static final String CALICO_MANIFEST_PATH = "/etc/kubewizard/calico.yaml";
    /** The named placeholder a CNI step carries when calico.yaml has not been read on this computer. */
    public static final String CALICO_MANIFEST_PLACEHOLDER = "CALICO_MANIFEST";
    public static final RuntimeValue HARBOR_PASSWORD = RuntimeValue.secret("KW_HARBOR_PASSWORD");
    static final String PULL_SECRET = "harbor-pull";
    static final String HARBOR_TEST_NAMESPACE = "kubewizard-harbor-check";

    private static final String KUBECTL_ADMIN = """
            kubectl_admin() {
              kubectl --kubeconfig %s "$@"
            }
            """.formatted(ADMIN_CONF);

    /** This master's own API server, straight (not through the load balancer): 127.0.0.1 is in the certSANs. */
    private static final String KUBECTL_LOCAL = """
            kubectl_local() {
              kubectl --kubeconfig %s --server https://127.0.0.1:%d --request-timeout=10s "$@"
            }
            """.formatted(ADMIN_CONF, KubeadmConfig.API_SERVER_PORT);

    private static final String KUBECTL_FOR_USERS = """
            # The course's mkdir -p $HOME/.kube; cp admin.conf $HOME/.kube/config; chown: for root and the sudo user.
            kubectl_for() {
              local user=$1 home group config
              home=$(getent passwd "$user" | cut -d: -f6)
              group=$(id -gn "$user")
              config=$home/.kube/config
              install -d -m 0700 -o "$user" -g "$group" "$home/.kube"
              if [ -f "$config" ] && ! cmp -s %1$s "$config" && [ ! -e "$config.before-kubewizard" ]; then
                cp -p "$config" "$config.before-kubewizard"
                echo "the earlier kubeconfig is kept in $config.before-kubewizard"
              fi
              install -m 0600 -o "$user" -g "$group" %1$s "$config"
              echo "kubectl for $user: $config"
            }
            kubectl_for root
            if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
              kubectl_for "$SUDO_USER"
            fi
            """.formatted(ADMIN_CONF);

    private static final String KUBECTL_FOR_USERS_CHECK = """
            kubectl_ready_for() {
              local home
              home=$(getent passwd "$1" | cut -d: -f6)
              cmp -s %s "$home/.kube/config" && [ "$(stat -c %%U "$home/.kube/config")" = "$1" ]
            }
            kubectl_ready_for root
            if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
              kubectl_ready_for "$SUDO_USER"
            fi
            """.formatted(ADMIN_CONF);

    private ClusterSteps() {
    }

    /** kubeadm init on the first master: configuration, images, init, kubectl. */
    public static List<Step> init(ClusterPlan plan) {
        Node first = plan.firstMaster();
        String host = first.hostname();
        String config = KubeadmConfig.INIT_CONFIG_PATH;
        int minor = plan.kubernetesMinor();
        StepFile configFile = StepFile.of(config, "0600", KubeadmConfig.init(plan));
        String versionLine = "KUBERNETES_VERSION=$(kubeadm version -o short)\n";
        String fill = KubeadmConfig.KUBERNETES_VERSION + "=\"$KUBERNETES_VERSION\"";

        Step writeConfig = new StepBuilder("kubeadm-config", Phase.INIT, host).texts("cluster.kubeadm-config", config)
                .run("# The plan names a minor line; the installed kubeadm is its newest patch.",
                        versionLine,
                        """
                        case "$KUBERNETES_VERSION" in
                          v1.%1$d.*) echo "kubeadm $KUBERNETES_VERSION" ;;
                          *) echo "kubewizard: the installed kubeadm is $KUBERNETES_VERSION, the plan says 1.%1$d" >&2; exit 1 ;;
                        esac
                        # Kept to tell whether a control plane that already runs here was made from this configuration.
                        before=$(mktemp)
                        trap 'rm -f "$before"' EXIT
                        if [ -f %2$s ]; then
                          cp %2$s "$before"
                        fi
                        """.formatted(minor, config))
                .write(configFile, fill)
                .run("""
                        if [ -f %1$s ] && ! cmp -s "$before" %2$s; then
                          # Put back what the running control plane was made from: the plan no longer matches it.
                          if [ -s "$before" ]; then
                            install -m 0600 "$before" %2$s
                          else
                            rm -f %2$s
                          fi
                        %3$s  exit %4$d
                        fi
                        """.formatted(API_SERVER_MANIFEST, config,
                        indent(KubeadmLeftovers.say("cluster.message.config-changed", host)),
                        KubeadmLeftovers.EXIT_NEEDS_RESET))
                .check(versionLine)
                .checkFile(configFile, fill)
                .build();

        Step images = new StepBuilder("kubeadm-images", Phase.INIT, host).texts("cluster.images")
                .run("kw_retry 3 10 kubeadm config images pull --config " + config)
                .check("""
                        mapfile -t images < <(kubeadm config images list --config %s)
                        [ "${#images[@]}" -gt 0 ]
                        for image in "${images[@]}"; do
                          crictl inspecti "$image" >/dev/null 2>&1
                        done
                        """.formatted(config))
                .build();

        String controlPlaneComplete = KUBECTL_LOCAL + """
                # The last thing kubeadm init does is install kube-proxy: when it is there, init has finished.
                control_plane_complete() {
                  [ -f %s ] && [ -f %s ] && kubectl_local -n kube-system get daemonset kube-proxy -o name >/dev/null 2>&1
                }
                """.formatted(ADMIN_CONF, API_SERVER_MANIFEST);
        Step init = new StepBuilder("kubeadm-init", Phase.INIT, host).texts("cluster.init", host)
                .run(KubeadmLeftovers.detectFunction(), "", KubeadmLeftovers.reportFunctions(host), "", controlPlaneComplete, "",
                        """
                        if [ -f %1$s ] && [ -f %2$s ]; then
                          if kw_retry 12 5 control_plane_complete; then
                            echo "the control plane is already initialised on this node: kubeadm init is not run again"
                          else
                        %3$s    needs_reset "%2$s exists"
                          fi
                        else
                        %4$s
                          # Saved as the course asks. The token and certificate key are printed as <value withheld>:
                          # kubewizard makes fresh ones for every join, so no secret is kept in a file.
                          install -m 0600 /dev/null %5$s
                          if ! kubeadm init --config %6$s --upload-certs --skip-token-print --skip-certificate-key-print 2>&1 | tee %5$s; then
                            failed_on_leftovers %5$s
                            exit 1
                          fi
                          echo "kubeadm's output is kept in %5$s"
                        fi
                        """.formatted(ADMIN_CONF, API_SERVER_MANIFEST,
                                indent(indent(KubeadmLeftovers.say("cluster.message.half-initialised", host))),
                                indent(KubeadmLeftovers.stopOnLeftovers()).stripTrailing(), INIT_OUTPUT, config))
                .check(controlPlaneComplete, "control_plane_complete")
                .build();

        Step kubectl = new StepBuilder("kubectl-config", Phase.INIT, host).texts("cluster.kubectl")
                .run(KUBECTL_FOR_USERS)
                .check(KUBECTL_FOR_USERS_CHECK)
                .build();
        return List.of(writeConfig, images, init, kubectl);
    }

    /** A master other than the first joins: fresh join data on the first master, then kubeadm join on the master. */
    public static List<Step> joinMaster(ClusterPlan plan, Node master) {
        if (master.role() != Role.MASTER) {
            throw new IllegalArgumentException(master.hostname() + " is not a master");
        }
        if (master.hostname().equals(plan.firstMaster().hostname())) {
            throw new IllegalArgumentException(master.hostname() + " is the first master: it runs kubeadm init");
        }
        return List.of(joinData(plan, master, Phase.JOIN_MASTER), join(plan, master, Phase.JOIN_MASTER));
    }

    /** A worker joins: fresh join data on the first master, then kubeadm join on the worker. */
    public static List<Step> joinWorker(ClusterPlan plan, Node worker) {
        if (worker.role() != Role.WORKER) {
            throw new IllegalArgumentException(worker.hostname() + " is not a worker");
        }
        return List.of(joinData(plan, worker, Phase.JOIN_WORKER), join(plan, worker, Phase.JOIN_WORKER));
    }

    /** The step id, on the first master, that makes the join data for {@code node}. */
    public static String joinDataStepId(Node node) {
        return "join-data-" + node.hostname().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
    }

    private static Step joinData(ClusterPlan plan, Node node, Phase phase) {
        boolean controlPlane = node.role() == Role.MASTER;
        StepBuilder b = new StepBuilder(joinDataStepId(node), phase, plan.firstMaster().hostname())
                .texts("cluster.join-data", node.hostname())
                .run(JoinData.producer(controlPlane));
        JoinData.valuesFor(controlPlane).forEach(b::output);
        return b.build();  // no check: the data is made fresh for every join
    }

    private static Step join(ClusterPlan plan, Node node, Phase phase) {
        boolean controlPlane = node.role() == Role.MASTER;
        String host = node.hostname();
        String template = KubeadmConfig.join(plan, node);
        String joinedFiles = controlPlane
                ? "[ -f " + KUBELET_CONF + " ] && [ -f " + API_SERVER_MANIFEST + " ]"
                : "[ -f " + KUBELET_CONF + " ]";
        String registered = controlPlane
                ? KUBECTL_LOCAL + """
                  # Registered as a control-plane node: kubeadm's last join phase puts that label on.
                  node_registered() {
                    local nodes
                    nodes=$(kubectl_local get nodes -l node-role.kubernetes.io/control-plane -o name 2>/dev/null) || return 1
                    grep -qx %s <<<"$nodes"
                  }
                  """.formatted(Bash.quote("node/" + host))
                : """
                  # The kubelet's own credentials may read its Node object (a worker has no admin.conf).
                  node_registered() {
                    kubectl --kubeconfig %s --request-timeout=10s get node %s -o name >/dev/null 2>&1
                  }
                  """.formatted(KUBELET_CONF, Bash.quote(host));

        StringBuilder fills = new StringBuilder();
        for (RuntimeValue v : JoinData.valuesFor(controlPlane)) {
            fills.append("    line=${line//\"").append(KubeadmConfig.placeholder(v)).append("\"/\"$")
                    .append(v.name()).append("\"}\n");
        }
        String joinConfig = """
                # The JoinConfiguration holds the token: kubeadm reads it from a pipe (process substitution), so it is
                # never written to a file nor seen on a command line.
                join_config() {
                  local line
                  while IFS= read -r line; do
                %s    printf '%%s\\n' "$line"
                  done %s
                }
                """.formatted(fills, Bash.heredoc(template));

        StepBuilder b = new StepBuilder("kubeadm-join", phase, host)
                .texts(controlPlane ? "cluster.join-master" : "cluster.join-worker", host);
        JoinData.valuesFor(controlPlane).forEach(b::input);
        b.run(JoinData.validation(controlPlane), "", KubeadmLeftovers.detectFunction(), "",
                KubeadmLeftovers.reportFunctions(host), "", registered, "", joinConfig, "",
                """
                if %1$s; then
                  if kw_retry 12 5 node_registered; then
                    echo "%2$s has already joined the cluster: kubeadm join is not run again"
                  else
                %3$s    needs_reset "%4$s exists"
                  fi
                else
                %5$s
                  install -m 0600 /dev/null %6$s
                  if ! kubeadm join --config <(join_config) 2>&1 | tee %6$s; then
                    failed_on_leftovers %6$s
                    exit 1
                  fi
                fi
                """.formatted(joinedFiles, host,
                        indent(indent(KubeadmLeftovers.say("cluster.message.not-registered", host))),
                        KUBELET_CONF, indent(KubeadmLeftovers.stopOnLeftovers()).stripTrailing(), JOIN_OUTPUT));
        // One test per line: in a "a && b" line set -e ignores a failing a.
        b.check(registered, joinedFiles.replace(" && ", "\n"), "node_registered");
        if (controlPlane) {
            b.run("", KUBECTL_FOR_USERS);
            b.check(KUBECTL_FOR_USERS_CHECK);
        }
        return b.build();
    }

    /** Calico on the first master: the prepared manifest written to the node and applied. */
    public static List<Step> cni(ClusterPlan plan, RecipeInputs inputs) {
        String host = plan.firstMaster().hostname();
        String version = plan.cni().calico().version();
        String registry = plan.cni().calico().imageRegistry();
        String podSubnet = plan.cluster().podSubnet();
        StepBuilder b = new StepBuilder("calico", Phase.CNI, host)
                .texts("cluster.cni", version, registry == null || registry.isBlank() ? "docker.io / quay.io" : registry,
                        podSubnet);
        if (inputs.calicoManifest().isEmpty()) {
            Step refusing = b.run(KubeadmLeftovers.say("cluster.message.manifest-missing", version), "exit 1").build();
            StepFile placeholder = StepFile.of(CALICO_MANIFEST_PATH, "0644",
                    "{{" + CALICO_MANIFEST_PLACEHOLDER + "}}\n");
            return List.of(new Step(refusing.id(), refusing.phase(), refusing.host(), refusing.title(), refusing.why(),
                    refusing.script(), refusing.check(), List.of(placeholder), refusing.inputs(), refusing.outputs()));
        }
        String manifest = CalicoManifest.process(inputs.calicoManifest().get(), podSubnet, registry);
        StepFile file = StepFile.of(CALICO_MANIFEST_PATH, "0644", manifest);
        // Server-side apply: Calico's large CRDs do not fit kubectl's last-applied annotation (256 KiB).
        String apply = "kubectl_admin apply --server-side --force-conflicts -f " + CALICO_MANIFEST_PATH;
        return List.of(b.run(KUBECTL_ADMIN)
                .write(file)
                .run(apply)
                .check(KUBECTL_ADMIN,
                        "echo " + Bash.quote(sha256(file.content()) + "  " + CALICO_MANIFEST_PATH)
                                + " | sha256sum --check --status",
                        "[ \"$(stat -c %a " + CALICO_MANIFEST_PATH + ")\" = 644 ]",
                        "# kubectl diff exits 0 when the cluster already holds exactly this manifest.",
                        "kubectl_admin diff --server-side --force-conflicts -f " + CALICO_MANIFEST_PATH + " >/dev/null")
                .build());
    }

    /** Harbor: a pull through kubelet and containerd on every node, then (optionally) the default pull secret. */
    public static List<Step> harbor(ClusterPlan plan) {
        Harbor harbor = plan.harbor();
        if (harbor == null) {
            return List.of();
        }
        String host = plan.firstMaster().hostname();
        int nodes = plan.nodes().size();
        Text why = Messages.text("cluster.harbor.why", harbor.host(), harbor.testImage());
        if (harbor.pullSecretOrDefault()) {
            Text more = Messages.text("cluster.harbor.pull-secret.why");
            why = Text.of(why.zh() + more.zh(), why.en() + " " + more.en());
        }
        StepBuilder b = new StepBuilder("harbor", Phase.HARBOR, host)
                .title(Messages.text("cluster.harbor.title", harbor.host(), harbor.testImage()))
                .why(why)
                .input(HARBOR_PASSWORD)
                .run("""
                        if [ -z "$KW_HARBOR_PASSWORD" ]; then
                          echo "kubewizard: no Harbor password was given" >&2
                          exit 3
                        fi
                        HARBOR_HOST=%1$s
                        HARBOR_USER=%2$s
                        NAMESPACE=%3$s

                        """.formatted(literal(harbor.host()), literal(harbor.username()),
                        literal(HARBOR_TEST_NAMESPACE)),
                        KUBECTL_ADMIN, "",
                        """
                        # A kubernetes.io/dockerconfigjson secret built here: "kubectl create secret docker-registry
                        # --docker-password=..." would put the password on a command line. printf is a bash builtin.
                        pull_secret() {
                          local auth config
                          auth=$(printf '%%s:%%s' "$HARBOR_USER" "$KW_HARBOR_PASSWORD" | base64 -w0)
                          config=$(printf '{"auths":{"%%s":{"auth":"%%s"}}}' "$HARBOR_HOST" "$auth" | base64 -w0)
                          printf '%%s\\n' "apiVersion: v1" "kind: Secret" "metadata:" "  name: %1$s" "  namespace: $1" \\
                            "type: kubernetes.io/dockerconfigjson" "data:" "  .dockerconfigjson: $config"
                        }

                        # Pods need the pod network: wait for Calico first.
                        kubectl_admin -n kube-system rollout status daemonset/calico-node --timeout=600s

                        kubectl_admin delete namespace "$NAMESPACE" --ignore-not-found --wait=true --timeout=180s
                        kubectl_admin create namespace "$NAMESPACE"
                        trap 'kubectl_admin delete namespace "$NAMESPACE" --ignore-not-found --wait=true --timeout=180s || true' EXIT
                        pull_secret "$NAMESPACE" | kubectl_admin apply -f -

                        """.formatted(PULL_SECRET),
                        "# One pod on every node (masters too) pulls the test image with the secret, as any workload would.",
                        "kubectl_admin apply -f - " + Bash.heredoc(pullTestDaemonSet(harbor)), "",
                        """
                        pulled=0
                        deadline=$((SECONDS + 300))
                        while :; do
                          report=$(kubectl_admin -n "$NAMESPACE" get pods -l app=harbor-pull-test -o \\
                            jsonpath='{range .items[*]}{.metadata.name}{"|"}{.spec.nodeName}{"|"}{.status.containerStatuses[0].imageID}{"|"}{.status.containerStatuses[0].state.waiting.reason}{"\\n"}{end}')
                          pulled=0
                          failed=()
                          while IFS='|' read -r pod node image reason; do
                            [ -n "$pod" ] || continue
                            if [ -n "$image" ]; then
                              pulled=$((pulled + 1))
                            else
                              case "$reason" in
                                ErrImagePull | ImagePullBackOff | InvalidImageName | RegistryUnavailable) failed+=("$pod $node") ;;
                              esac
                            fi
                          done <<<"$report"
                          if [ "${#failed[@]}" -gt 0 ]; then
                            for entry in "${failed[@]}"; do
                              echo "kubewizard: $HARBOR_HOST: the pull failed on node ${entry#* }:" >&2
                              kubectl_admin -n "$NAMESPACE" get events --field-selector "involvedObject.name=${entry%% *}" \\
                                -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers >&2 || true
                            done
                            exit 1
                          fi
                          if [ "$pulled" -ge %1$d ]; then
                            break
                          fi
                          if [ "$SECONDS" -ge "$deadline" ]; then
                            echo "kubewizard: after 5 minutes the test image was pulled on $pulled of %1$d nodes:" >&2
                            kubectl_admin -n "$NAMESPACE" get pods -o wide >&2 || true
                            exit 1
                          fi
                          sleep 3
                        done
                        echo "pulled %2$s on all %1$d nodes"
                        """.formatted(nodes, harbor.testImage()));
        if (harbor.pullSecretOrDefault()) {
            b.run("", """
                    # The pull secret stays in the default namespace; the default service account uses it.
                    pull_secret default | kubectl_admin apply -f -
                    current=$(kubectl_admin -n default get serviceaccount default -o jsonpath='{.imagePullSecrets[*].name}')
                    if [[ " $current " == *" %1$s "* ]]; then
                      echo "the default service account already uses %1$s"
                    elif [ -z "$current" ]; then
                      kubectl_admin -n default patch serviceaccount default --type merge \\
                        -p '{"imagePullSecrets":[{"name":"%1$s"}]}'
                    else
                      kubectl_admin -n default patch serviceaccount default --type json \\
                        -p '[{"op":"add","path":"/imagePullSecrets/-","value":{"name":"%1$s"}}]'
                    fi
                    """.formatted(PULL_SECRET));
            b.check(KUBECTL_ADMIN, """
                    [ "$(kubectl_admin -n default get secret %1$s -o jsonpath='{.type}')" = kubernetes.io/dockerconfigjson ]
                    config=$(kubectl_admin -n default get secret %1$s -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d)
                    [[ $config == *%2$s* ]]
                    current=$(kubectl_admin -n default get serviceaccount default -o jsonpath='{.imagePullSecrets[*].name}')
                    [[ " $current " == *" %1$s "* ]]
                    """.formatted(PULL_SECRET, Bash.quote("\"auths\":{\"" + harbor.host() + "\":")));
        }
        return List.of(b.build());
    }

    private static String pullTestDaemonSet(Harbor harbor) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: harbor-pull-test
                  namespace: %1$s
                spec:
                  selector:
                    matchLabels:
                      app: harbor-pull-test
                  template:
                    metadata:
                      labels:
                        app: harbor-pull-test
                    spec:
                      tolerations:
                        - operator: Exists
                      imagePullSecrets:
                        - name: %2$s
                      terminationGracePeriodSeconds: 1
                      containers:
                        - name: pull
                          image: %3$s
                          imagePullPolicy: Always
                """.formatted(HARBOR_TEST_NAMESPACE, PULL_SECRET, KubeadmConfig.q(harbor.testImage()));
    }

    /** The final check: every plan node Ready, Calico rolled out, the API answering through the endpoint and VIP. */
    public static List<Step> verify(ClusterPlan plan) {
        String host = plan.firstMaster().hostname();
        Endpoint endpoint = plan.cluster().endpoint();
        int port = endpoint.portOrDefault();
        List<String> names = plan.nodes().stream().map(Node::hostname).sorted().toList();
        StringBuilder nodeArgs = new StringBuilder();
        for (String name : names) {
            nodeArgs.append(' ').append(Bash.quote("node/" + name));
        }
        StringBuilder servers = new StringBuilder();
        servers.append(readyz("the endpoint name", "https://" + KubeadmConfig.endpointHost(plan) + ":" + port));
        if (endpoint.vip() != null && !endpoint.vip().isBlank()
                && !endpoint.vip().equals(KubeadmConfig.endpointHost(plan))) {
            servers.append(readyz("the VIP", "https://" + endpoint.vip() + ":" + port));
        }
        for (Node master : plan.masters()) {
            servers.append(readyz(master.hostname(),
                    "https://" + master.address() + ":" + KubeadmConfig.API_SERVER_PORT));
        }
        Step verify = new StepBuilder("verify-cluster", Phase.VERIFY, host)
                .texts("cluster.verify", names.size(), KubeadmConfig.endpointHost(plan) + ":" + port,
                        endpoint.vip() + ":" + port)
                .run(KUBECTL_ADMIN, "",
                        "expected=$(sort " + Bash.heredoc(String.join("\n", names)) + "\n)",
                        """
                        registered_nodes() {
                          kubectl_admin get nodes -o name | sed 's|^node/||' | sort
                        }
                        same_nodes() {
                          [ "$(registered_nodes)" = "$expected" ]
                        }
                        if ! kw_retry 30 10 same_nodes; then
                          echo "kubewizard: the cluster should have exactly these %d nodes:" >&2
                          echo "$expected" >&2
                          echo "kubewizard: it has:" >&2
                          registered_nodes >&2 || true
                          exit 1
                        fi
                        kubectl_admin wait --for=condition=Ready --timeout=600s%s
                        kubectl_admin -n kube-system rollout status daemonset/calico-node --timeout=600s
                        kubectl_admin -n kube-system rollout status deployment/calico-kube-controllers --timeout=300s
                        kubectl_admin -n kube-system rollout status deployment/coredns --timeout=300s
                        """.formatted(names.size(), nodeArgs), "",
                        "# The API server answers through the load balancer and on each master.",
                        servers.toString(), "",
                        """
                        kubectl_admin get nodes -o wide
                        kubectl_admin -n kube-system get pods -o wide
                        """)
                .build();
        return List.of(verify);
    }

    private static String readyz(String what, String server) {
        return "ready=$(kubectl_admin --server " + Bash.quote(server) + " --request-timeout=15s get --raw /readyz)\n"
                + "echo \"API server via " + what.replace("\"", "") + " (" + server + "): $ready\"\n";
    }

    /**
     * Offered when a step exits with {@link KubeadmLeftovers#EXIT_NEEDS_RESET}: kubeadm reset -f and the clean-up that
     * kubeadm leaves to the user. It runs in the phase the node joins in, so a new attempt follows directly.
     */
    public static Step reset(ClusterPlan plan, Node node) {
        Phase phase = node.role() == Role.WORKER ? Phase.JOIN_WORKER
                : node.hostname().equals(plan.firstMaster().hostname()) ? Phase.INIT : Phase.JOIN_MASTER;
        return new StepBuilder("reset-node", phase, node.hostname()).texts("cluster.reset", node.hostname())
                .run(KubeadmLeftovers.resetScript())
                .check(KubeadmLeftovers.cleanCheck())
                .build();
    }

    /** A value for a bash assignment, always single-quoted (shellcheck reads NAME=admin as a command). */
    private static String literal(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String indent(String lines) {
        return lines.lines().map(l -> l.isEmpty() ? l : "  " + l).reduce("", (a, l) -> a + l + "\n");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
