package dev.kubewizard.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.KubernetesVersions;
import dev.kubewizard.plan.Mirrors;
import dev.kubewizard.plan.Node;
import dev.kubewizard.recipe.KubeadmConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a simulated Ubuntu node does for each generated step: the output a real node prints for it (the project's
 * transcripts, or the shared fixtures' captures), the {@code ::kubewizard-output} values the real script prints, the
 * checks the real script makes of its run-time values, the failures a real node gives when something it needs is
 * missing (kubeadm not installed, no cluster to join, ...), and the change the step makes to the node and the
 * cluster. The step is known by its script's header; nothing of the script is executed.
 */
final class StepScenes {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern READYZ = Pattern.compile("(?m)^echo \"(API server via [^\"]*): \\$ready\"$");
    private static final Pattern HARBOR_NODES = Pattern.compile("(?m)^  if \\[ \"\\$pulled\" -ge (\\d+) ]; then$");
    private static final Pattern NGINX_INCLUDE =
            Pattern.compile("(?m)^lb_top_level_include \\S+ '([^']*)' \\S+$");

    /** The versions a minor line installs (the newest patch when this was written). */
    private record Versions(String patch, String criTools, String cni, String coredns, String etcd) {
        static Versions of(int minor) {
            return switch (minor) {
                case 31 -> new Versions("1.31.14", "1.31.1-1.1", "1.5.1-1.1", "v1.11.3", "3.5.24-0");
                case 32 -> new Versions("1.32.10", "1.32.0-1.1", "1.6.0-1.1", "v1.11.3", "3.5.24-0");
                case 33 -> new Versions("1.33.6", "1.33.0-1.1", "1.6.0-1.1", "v1.12.0", "3.5.24-0");
                case 35 -> new Versions("1.35.0", "1.35.0-1.1", "1.8.0-1.1", "v1.13.1", "3.6.6-0");
                default -> new Versions("1.34.2", "1.34.0-1.1", "1.7.1-1.1", "v1.12.1", "3.6.5-0");
            };
        }
    }

    static final String CONTAINERD_VERSION = "2.1.5";
    static final String KERNEL = "6.8.0-49-generic";
    static final String OS_IMAGE = "Ubuntu 24.04.1 LTS";

    private final SimulatedCluster cluster;
    private final ClusterPlan plan;
    private final Versions versions;

    StepScenes(SimulatedCluster cluster) {
        this.cluster = cluster;
        this.plan = cluster.plan();
        this.versions = Versions.of(plan.kubernetesMinor());
    }

    // ---------------------------------------------------------------- checks

    /** A check: silent, exit 0 when the step is already done on this node (never for "always runs" checks). */
    Program check(SimulatedNode node, StepScript check) {
        boolean done = !check.alwaysRuns() && node.isDone(check.id());
        return new Program().pause(1).exit(done ? 0 : 1);
    }

    // ---------------------------------------------------------------- scripts

    /** The script of a step, given the standard input lines it reads (the sudo password line already taken). */
    Program script(SimulatedNode node, StepScript s, String path, List<String> stdin, String loginUser) {
        Program p = new Program();
        Map<String, String> inputs = new LinkedHashMap<>();
        List<String> names = s.inputs();
        for (int i = 0; i < names.size(); i++) {
            if (i >= stdin.size()) {
                return p.err("kubewizard: the run-time value " + names.get(i) + " was not given on standard input")
                        .exit(3);
            }
            inputs.put(names.get(i), stdin.get(i));
        }
        for (StepScript.Validation v : s.validations()) {
            String value = inputs.getOrDefault(v.name(), "");
            if (!v.shape().matcher(value).find()) {
                return p.err(v.message()).exit(v.exitCode());
            }
        }
        Map<String, String> values = values(node, s, loginUser);
        values.put("SCRIPT", path);
        Optional<Fault> fail = cluster.takeStepFault(node.hostname(), s.id(), Fault.Kind.FAIL);
        if (fail.isPresent()) {
            return failure(node, s, values, fail.get());
        }
        Optional<Program> missing = missingPrerequisite(node, s, values);
        if (missing.isPresent()) {
            return missing.get();
        }
        String id = s.id();
        if (id.startsWith("join-data-")) {
            return joinData(s);
        }
        return switch (id) {
            case "preflight" -> preflight(node, s);
            case "hostname" -> standard(node, s, values, "hostname")
                    .effect(() -> node.rename(s.host()));
            case "hosts" -> hosts(node, s, values);
            case "swap" -> standard(node, s, values, "swap").effect(node::swapOff);
            case "base-packages", "containerd", "lb-nginx" -> {
                UbuntuImage.installPackageFiles(node.files, id);   // the package's own files come first
                yield standard(node, s, values, id);
            }
            case "kubernetes-packages" -> kubernetesPackages(node, s, values);
            case "lb-keepalived" -> {
                boolean holder = holdsVip(node);
                values.put("SUMMARY", lastEcho(s, holder ? "holds the VIP" : "stands by"));
                yield standard(node, s, values, id);
            }
            case "kubeadm-init" -> kubeadmInit(node, s, values);
            case "kubectl-config" -> kubectlConfig(node, s, loginUser);
            case "kubeadm-join" -> kubeadmJoin(node, s, values, inputs, loginUser);
            case "calico" -> calico(node, s, values);
            case "harbor" -> harbor(node, s, values, inputs);
            case "verify-cluster" -> verify(node, s);
            case "reset-node" -> resetNode(node, s, values);
            default -> standard(node, s, values, id);
        };
    }

    /** The step's transcript, its files, and the step marked done. */
    private Program standard(SimulatedNode node, StepScript s, Map<String, String> values, String transcript) {
        Program p = new Program();
        if (Transcript.hasResource(transcript)) {
            p.transcript(Transcript.parse(Transcript.resource(transcript), values), () -> fileLines(node, s));
        } else {
            fileLines(node, s).forEach(p::out);
        }
        return p.effect(() -> complete(node, s));
    }

    /** Marks the step done on the node and writes the files its script writes. */
    private void complete(SimulatedNode node, StepScript s) {
        writeFiles(node, s);
        node.markDone(s.id());
    }

    // ---------------------------------------------------------------- preflight

    private Program preflight(SimulatedNode node, StepScript s) {
        Program p = new Program();
        List<String> problems = new ArrayList<>();
        int cpus = (int) cluster.nodeFault(node.hostname(), Fault.Kind.CPUS).map(f -> f.number(2)).orElse(2.0)
                .doubleValue();
        int memory = (int) cluster.nodeFault(node.hostname(), Fault.Kind.MEMORY).map(f -> f.number(3900))
                .orElse(3900.0).doubleValue();
        long skew = (long) (cluster.nodeFault(node.hostname(), Fault.Kind.CLOCK_SKEW).map(f -> f.number(0))
                .orElse(0.0) * 1000);
        p.output("KW_HOSTNAME", node.currentHostname());
        p.output("KW_PRODUCT_UUID", node.productUuid());
        p.output("KW_MACS", node.macs());
        p.outLater(() -> "::kubewizard-output KW_CLOCK_EPOCH_MS=" + (System.currentTimeMillis() + skew));
        p.output("KW_SWAP_ACTIVE", node.swapOn() ? "yes" : "no");
        p.output("KW_OS", "ubuntu 24.04");
        p.out("OS: Ubuntu 24.04");
        p.output("KW_CPUS", Integer.toString(cpus));
        p.output("KW_MEMORY_MB", Integer.toString(memory));
        if (s.contains("[ERROR NumCPU]") && cpus < 2) {
            problems.add(cpus + " CPU; kubeadm needs at least 2 ([ERROR NumCPU])");
            p.err("PROBLEM: " + problems.get(problems.size() - 1));
        }
        if (s.contains("[ERROR Mem]") && memory < 1700) {
            problems.add(memory + " MB memory; kubeadm needs at least 1700 MB ([ERROR Mem])");
            p.err("PROBLEM: " + problems.get(problems.size() - 1));
        }
        Map<Integer, String> held = node.heldPorts();
        for (StepScript.PortCheck port : s.portChecks()) {
            String holder = held.get(port.port());
            if (holder == null) {
                continue;
            }
            if (holder.matches("^(" + port.owner() + ")$")) {
                p.out("port " + port.port() + ": held by " + holder + " (kubewizard already set it up)");
            } else {
                problems.add("port " + port.port() + " is in use by " + holder
                        + "; it must be free (kubeadm [ERROR Port-" + port.port() + "])");
                p.err("PROBLEM: " + problems.get(problems.size() - 1));
            }
        }
        if (s.contains("# The VIP must be free") && node.holdsVip()) {
            p.out("VIP " + plan.cluster().endpoint().vip()
                    + ": managed by keepalived here (kubewizard already set it up)");
        }
        for (StepScript.Reach r : s.reaches()) {
            String code = r.expect().contains("401") ? "401" : "200";
            p.pause(1).out("reachable: " + r.url() + " (" + code + ")");
        }
        if (!problems.isEmpty()) {
            return p.err("preflight: " + problems.size() + " problem(s) on " + node.currentHostname()
                    + "; nothing was changed").exit(1);
        }
        return p.out("preflight: ok");
    }

    // ---------------------------------------------------------------- prep

    private Program hosts(SimulatedNode node, StepScript s, Map<String, String> values) {
        List<String> block = s.heredocAfter("cat > \"$block\"");
        Program p = new Program();
        fileLines(node, s).forEach(p::out);
        for (String line : block) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && !w[0].startsWith("#")) {
                p.out(String.format(Locale.ROOT, "%-15s %s", w[0], w[1]));
            }
        }
        return p.effect(() -> {
            String before = node.files.read("/etc/hosts").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            StringBuilder merged = new StringBuilder(before);
            block.forEach(l -> merged.append(l).append('\n'));
            node.files.install("/etc/hosts", merged.toString().getBytes(StandardCharsets.UTF_8),
                    VirtualFiles.ROOT_USER, 0644);
            node.markDone(s.id());
        });
    }

    private Program kubernetesPackages(SimulatedNode node, StepScript s, Map<String, String> values) {
        Optional<String> captured = cluster.fixtures().kubernetesPackages(values);
        if (captured.isEmpty()) {
            return standard(node, s, values, "kubernetes-packages");
        }
        Program p = new Program();
        fileLines(node, s).forEach(p::out);
        for (String line : captured.get().split("\n", -1)) {
            p.print(false, line, line.startsWith("Get:") ? 3 : 1);
        }
        return p.out("v" + versions.patch()).effect(() -> complete(node, s));
    }

    // ---------------------------------------------------------------- cluster

    private Program kubeadmInit(SimulatedNode node, StepScript s, Map<String, String> values) {
        Program p = new Program();
        if (node.isDone("kubeadm-init") && cluster.state().initialised()) {
            return p.out("the control plane is already initialised on this node: kubeadm init is not run again");
        }
        if (!endpointAnswers()) {
            // kubeadm gets as far as its own API server, then uploads through the endpoint
            return p.out("[init] Using Kubernetes version: v" + versions.patch())
                    .out("[preflight] Running pre-flight checks")
                    .pause(6)
                    .out("[upload-config] Storing the configuration used in ConfigMap \"kubeadm-config\" in the"
                            + " \"kube-system\" Namespace")
                    .pause(8)
                    .out("error execution phase upload-config/kubeadm: could not upload the configuration:"
                            + " Get \"https://" + values.get("ENDPOINT")
                            + "/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s\": dial tcp "
                            + values.get("VIP") + ":" + values.get("ENDPOINT_PORT") + ": connect: connection refused")
                    .out("To see the stack trace of this error execute with --v=5 or higher")
                    .exit(1);
        }
        values.put("CA_HASH", "{{CA_HASH}}");
        Optional<String> captured = cluster.fixtures().kubeadmInit(values);
        String text = captured.orElseGet(() -> Transcript.resource("kubeadm-init"));
        // the CA exists from the moment kubeadm generated it: the hash in the join commands is the cluster's
        p.effect(() -> cluster.state().initialise(node.hostname()));
        List<Transcript.Item> items = Transcript.parse(text, values);
        for (Transcript.Item item : items) {
            if (item instanceof Transcript.Line l) {
                if (l.text().contains("{{CA_HASH}}")) {
                    p.outLater(() -> l.text().replace("{{CA_HASH}}", cluster.state().caCertHash()));
                } else {
                    p.print(l.stderr(), l.text(), l.weight());
                }
            }
        }
        return p.out("kubeadm's output is kept in /root/kubeadm-init.txt").effect(() -> {
            node.becomeControlPlane(adminConf());
            node.files.install("/root/kubeadm-init.txt", new byte[0], VirtualFiles.ROOT_USER, 0600);
            node.markDone(s.id());
        });
    }

    private Program kubectlConfig(SimulatedNode node, StepScript s, String loginUser) {
        Program p = new Program();
        List<String> users = kubectlUsers(s, loginUser);
        users.forEach(u -> p.out("kubectl for " + u + ": " + VirtualFiles.home(u) + "/.kube/config"));
        return p.effect(() -> {
            users.forEach(node::copyAdminConf);
            node.markDone(s.id());
        });
    }

    private List<String> kubectlUsers(StepScript s, String loginUser) {
        List<String> users = new ArrayList<>(List.of(VirtualFiles.ROOT_USER));
        if (s.contains("kubectl_for \"$SUDO_USER\"") && !VirtualFiles.ROOT_USER.equals(loginUser)) {
            users.add(loginUser);
        }
        return users;
    }

    private Program joinData(StepScript s) {
        Program p = new Program();
        ClusterState state = cluster.state();
        boolean controlPlane = s.contains("KW_CERTIFICATE_KEY");
        String key = controlPlane ? state.uploadCertificates() : null;
        String token = state.newToken(Duration.ofHours(1));
        // the real script keeps kubeadm's output in variables: only the values are printed
        p.pause(3).output("KW_JOIN_TOKEN", token).output("KW_CA_CERT_HASH", state.caCertHash());
        if (controlPlane) {
            p.output("KW_CERTIFICATE_KEY", key);
        }
        return p;
    }

    private Program kubeadmJoin(SimulatedNode node, StepScript s, Map<String, String> values,
                                Map<String, String> inputs, String loginUser) {
        boolean controlPlane = s.phase().equals("join-master");
        ClusterState state = cluster.state();
        Program p = new Program();
        if (node.isDone("kubeadm-join") && state.isMember(node.hostname())) {
            p.out(node.hostname() + " has already joined the cluster: kubeadm join is not run again");
            return controlPlane ? kubectlLines(p, node, s, loginUser) : p;
        }
        if (!state.initialised() || !endpointAnswers()) {
            return p.transcript(Transcript.parse(Transcript.resource("faults/kubeadm-join"), values), List::of);
        }
        String token = inputs.getOrDefault("KW_JOIN_TOKEN", "");
        String hash = inputs.getOrDefault("KW_CA_CERT_HASH", "");
        if (!state.tokenValid(token)) {
            return p.out("[preflight] Running pre-flight checks").pause(4)
                    .out("error execution phase preflight: couldn't validate the identity of the API Server: could not"
                            + " find a JWS signature in the cluster-info ConfigMap for token ID \""
                            + token.substring(0, Math.min(6, token.length())) + "\"")
                    .out("To see the stack trace of this error execute with --v=5 or higher").exit(1);
        }
        if (!hash.equals(state.caCertHash())) {
            return p.out("[preflight] Running pre-flight checks").pause(2)
                    .out("error execution phase preflight: couldn't validate the identity of the API Server: cluster CA"
                            + " found in cluster-info ConfigMap is invalid: none of the public keys \""
                            + state.caCertHash() + "\" are pinned")
                    .out("To see the stack trace of this error execute with --v=5 or higher").exit(1);
        }
        if (controlPlane && !inputs.getOrDefault("KW_CERTIFICATE_KEY", "").equals(state.certificateKey())) {
            return p.out("[preflight] Running pre-flight checks").pause(3)
                    .out("[download-certs] Downloading the certificates in Secret \"kubeadm-certs\" in the"
                            + " \"kube-system\" Namespace")
                    .out("error execution phase control-plane-prepare/download-certs: error downloading certs: error"
                            + " decoding certs: cipher: message authentication failed")
                    .out("To see the stack trace of this error execute with --v=5 or higher").exit(1);
        }
        values.put("FIRST_MASTER_ADDRESS", plan.firstMaster().address());
        String text = cluster.fixtures().kubeadmJoin(controlPlane, values)
                .orElseGet(() -> Transcript.resource(controlPlane ? "kubeadm-join-master" : "kubeadm-join-worker"));
        p.transcript(Transcript.parse(text, values), List::of);
        p.effect(() -> {
            state.join(node.hostname(), controlPlane);
            if (controlPlane) {
                node.becomeControlPlane(adminConf());
            } else {
                node.becomeWorker();
            }
            node.files.install("/root/kubeadm-join.txt", new byte[0], VirtualFiles.ROOT_USER, 0600);
            node.markDone(s.id());
        });
        return controlPlane ? kubectlLines(p, node, s, loginUser) : p;
    }

    private Program kubectlLines(Program p, SimulatedNode node, StepScript s, String loginUser) {
        if (!s.contains("kubectl_for root")) {
            return p;
        }
        List<String> users = kubectlUsers(s, loginUser);
        users.forEach(u -> p.out("kubectl for " + u + ": " + VirtualFiles.home(u) + "/.kube/config"));
        return p.effect(() -> users.forEach(node::copyAdminConf));
    }

    private Program calico(SimulatedNode node, StepScript s, Map<String, String> values) {
        Program p = new Program();
        if (!s.contains("kubectl_admin apply")) {
            // the placeholder step of a recipe made without calico.yaml refuses, as the real one does
            s.literalEchoes().forEach(e -> p.print(e.stderr(), e.text(), 1));
            return p.exit(1);
        }
        fileLines(node, s).forEach(p::out);
        Optional<String> manifest = s.writtenFiles().stream()
                .filter(f -> f.path().endsWith("calico.yaml")).findFirst().flatMap(StepScript.WrittenFile::content);
        List<String> objects = manifest.flatMap(StepScenes::manifestObjects)
                .or(() -> cluster.fixtures().calicoObjects())
                .orElseGet(() -> Transcript.parse(Transcript.resource("calico-objects"), values).stream()
                        .map(i -> ((Transcript.Line) i).text()).toList());
        p.pause(2);
        objects.forEach(o -> p.out(o + " serverside-applied"));
        return p.effect(() -> {
            cluster.state().applyCalico();
            complete(node, s);
        });
    }

    /** The objects of a manifest as kubectl names them: {@code kind.group/name}, in file order. */
    static Optional<List<String>> manifestObjects(String manifest) {
        List<String> objects = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(manifest);
             MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || !doc.hasNonNull("kind")) {
                    continue;
                }
                String apiVersion = doc.path("apiVersion").asText("");
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                String kind = doc.get("kind").asText().toLowerCase(Locale.ROOT);
                objects.add(kind + (group.isEmpty() ? "" : "." + group) + "/" + doc.path("metadata").path("name")
                        .asText());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return objects.isEmpty() ? Optional.empty() : Optional.of(objects);
    }

    private Program harbor(SimulatedNode node, StepScript s, Map<String, String> values, Map<String, String> inputs) {
        Program p = new Program();
        String password = inputs.getOrDefault("KW_HARBOR_PASSWORD", "");
        if (password.isEmpty()) {
            return p.err("kubewizard: no Harbor password was given").exit(3);
        }
        if (!cluster.state().calico()) {
            return p.err("Error from server (NotFound): daemonsets.apps \"calico-node\" not found").exit(1);
        }
        String expected = cluster.options().harborPassword();
        if (expected != null && !expected.equals(password)) {
            return p.transcript(Transcript.parse(Transcript.resource("faults/harbor"), values), List::of);
        }
        Matcher wanted = HARBOR_NODES.matcher(s.text());
        int members = cluster.state().members().size();
        if (wanted.find() && members < Integer.parseInt(wanted.group(1))) {
            // the DaemonSet only runs on the nodes that joined: the script waits its 5 minutes, then gives up
            return p.out("daemon set \"calico-node\" successfully rolled out")
                    .out("namespace/kubewizard-harbor-check created").out("secret/harbor-pull created")
                    .out("daemonset.apps/harbor-pull-test created").pause(20)
                    .err("kubewizard: after 5 minutes the test image was pulled on " + members + " of "
                            + wanted.group(1) + " nodes:")
                    .out("namespace \"kubewizard-harbor-check\" deleted").exit(1);
        }
        p.transcript(Transcript.parse(Transcript.resource("harbor"), values), List::of);
        if (!s.contains("patch serviceaccount default")) {
            // without pullSecret the script stops after the pull test
            return new Program().print(false, "daemon set \"calico-node\" successfully rolled out", 1)
                    .out("namespace/kubewizard-harbor-check created").out("secret/harbor-pull created")
                    .out("daemonset.apps/harbor-pull-test created").pause(6)
                    .out("pulled " + values.get("HARBOR_IMAGE") + " on all " + values.get("NODE_COUNT") + " nodes")
                    .out("namespace \"kubewizard-harbor-check\" deleted").effect(() -> node.markDone(s.id()));
        }
        return p.effect(() -> {
            cluster.state().addHarborSecret();
            node.markDone(s.id());
        });
    }

    private Program verify(SimulatedNode node, StepScript s) {
        Program p = new Program();
        ClusterState state = cluster.state();
        List<String> expected = plan.nodes().stream().map(Node::hostname).sorted().toList();
        List<String> registered = state.members().keySet().stream().sorted().toList();
        if (!registered.equals(expected)) {
            for (int i = 1; i <= 3; i++) {
                p.pause(2).out("retry " + i + "/30 in 10s: same_nodes");
            }
            p.err("kubewizard: the cluster should have exactly these " + expected.size() + " nodes:");
            expected.forEach(p::err);
            p.err("kubewizard: it has:");
            registered.forEach(p::err);
            return p.exit(1);
        }
        if (!state.calico()) {
            return p.pause(10).err("error: timed out waiting for the condition on nodes/" + expected.get(0)).exit(1);
        }
        for (String name : expected) {
            p.out("node/" + name + " condition met");
        }
        p.out("daemon set \"calico-node\" successfully rolled out");
        p.out("deployment \"calico-kube-controllers\" successfully rolled out");
        p.out("deployment \"coredns\" successfully rolled out");
        Matcher m = READYZ.matcher(s.text());
        while (m.find()) {
            p.pause(1).out(m.group(1) + ": ok");
        }
        nodeTable().forEach(p::out);
        podTable().forEach(p::out);
        return p;
    }

    private Program resetNode(SimulatedNode node, StepScript s, Map<String, String> values) {
        Program p = new Program();
        p.transcript(Transcript.parse(Transcript.resource("reset-node"), values), List::of);
        return p.effect(() -> {
            cluster.state().reset(node.hostname());
            node.reset();
            node.markDone(s.id());
        });
    }

    // ---------------------------------------------------------------- failures

    private Program failure(SimulatedNode node, StepScript s, Map<String, String> values, Fault fault) {
        String name = s.id().startsWith("join-data-") ? "join-data" : s.id();
        if (!Transcript.hasResource("faults/" + name)) {
            name = "other";
        }
        values.putIfAbsent("NEEDS_RESET", String.join("\n",
                s.echoesOfFunction("needs_reset").stream().map(StepScript.Echo::text).toList()));
        Program p = new Program().transcript(Transcript.parse(Transcript.resource("faults/" + name), values),
                () -> fileLines(node, s));
        if (fault.value() != null) {
            p.exit(Integer.parseInt(fault.value()));
        } else if (p.exitCode() == 0) {
            p.exit(1);
        }
        return p;
    }

    /** A real node fails like this when the step runs before what it needs is there. */
    private Optional<Program> missingPrerequisite(SimulatedNode node, StepScript s, Map<String, String> values) {
        String id = s.id();
        boolean usesKubeadm = id.equals("kubeadm-config") || id.equals("kubeadm-images") || id.equals("kubeadm-init")
                || id.equals("kubeadm-join") || id.startsWith("join-data-") || id.equals("reset-node");
        if (usesKubeadm && !node.isDone("kubernetes-packages")) {
            return Optional.of(new Program().err(values.get("SCRIPT") + ": line " + firstLine(s, "kubeadm")
                    + ": kubeadm: command not found").exit(127));
        }
        boolean usesAdminConf = id.startsWith("join-data-") || id.equals("kubectl-config") || id.equals("calico")
                || id.equals("harbor") || id.equals("verify-cluster");
        if (usesAdminConf && !node.files.exists("/etc/kubernetes/admin.conf")) {
            Program p = new Program();
            if (id.startsWith("join-data-")) {
                p.err("failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory")
                        .err("To see the stack trace of this error execute with --v=5 or higher");
            } else if (id.equals("kubectl-config")) {
                p.err("install: cannot stat '/etc/kubernetes/admin.conf': No such file or directory");
            } else {
                p.err("error: stat /etc/kubernetes/admin.conf: no such file or directory");
            }
            return Optional.of(p.exit(1));
        }
        if (id.equals("kubeadm-init") && !node.isDone("containerd")) {
            return Optional.of(new Program().out("[init] Using Kubernetes version: v" + versions.patch())
                    .out("[preflight] Running pre-flight checks")
                    .err("error execution phase preflight: [preflight] Some fatal errors occurred:")
                    .err("\t[ERROR CRI]: could not connect to the container runtime: failed to create new CRI runtime"
                            + " service: validate service connection: validate CRI v1 runtime API for endpoint"
                            + " \"unix:///var/run/containerd/containerd.sock\": rpc error: code = Unavailable desc ="
                            + " connection error: desc = \"transport: Error while dialing: dial unix"
                            + " /var/run/containerd/containerd.sock: connect: no such file or directory\"")
                    .err("[preflight] If you know what you are doing, you can make a check non-fatal with"
                            + " `--ignore-preflight-errors=...`")
                    .err("To see the stack trace of this error execute with --v=5 or higher").exit(1));
        }
        if ((id.equals("kubeadm-init") || id.equals("kubeadm-images")) && !node.isDone("kubeadm-config")) {
            return Optional.of(new Program().err("open /etc/kubewizard/kubeadm-config.yaml: no such file or directory")
                    .err("To see the stack trace of this error execute with --v=5 or higher").exit(1));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- helpers

    /** What kw_write_file prints for each file the script writes. */
    private List<String> fileLines(SimulatedNode node, StepScript s) {
        List<String> lines = new ArrayList<>();
        for (StepScript.WrittenFile f : s.writtenFiles()) {
            Optional<byte[]> now = node.files.read(f.path());
            Optional<String> content = f.content().map(c -> fillFile(c, f));
            if (now.isPresent() && content.isPresent()
                    && new String(now.get(), StandardCharsets.UTF_8).equals(content.get())) {
                lines.add("unchanged: " + f.path());
                continue;
            }
            if (now.isPresent() && UbuntuImage.ORIGINALS.contains(f.path())
                    && !node.files.exists("/var/backups/kubewizard" + f.path())) {
                lines.add("original kept: /var/backups/kubewizard" + f.path());
            }
            lines.add("written: " + f.path());
        }
        return lines;
    }

    private void writeFiles(SimulatedNode node, StepScript s) {
        for (StepScript.WrittenFile f : s.writtenFiles()) {
            Optional<byte[]> now = node.files.read(f.path());
            if (now.isPresent() && UbuntuImage.ORIGINALS.contains(f.path())
                    && !node.files.exists("/var/backups/kubewizard" + f.path())) {
                node.files.install("/var/backups/kubewizard" + f.path(), now.get(), VirtualFiles.ROOT_USER, 0644);
            }
            int mode = Integer.parseInt(f.mode(), 8);
            if (f.content().isPresent()) {
                node.files.install(f.path(), fillFile(f.content().get(), f).getBytes(StandardCharsets.UTF_8),
                        VirtualFiles.ROOT_USER, mode);
            } else if (f.path().equals("/etc/fstab") && now.isPresent()) {
                String fstab = new String(now.get(), StandardCharsets.UTF_8).replaceAll("(?m)^(/swap\\.img\\s)", "#$1");
                node.files.install(f.path(), fstab.getBytes(StandardCharsets.UTF_8), VirtualFiles.ROOT_USER, 0644);
            } else if (now.isEmpty()) {
                node.files.install(f.path(), new byte[0], VirtualFiles.ROOT_USER, mode);
            }
        }
    }

    /** Fills the {{NAME}} placeholders a node knows the value of (the rest as the node would detect them). */
    private String fillFile(String content, StepScript.WrittenFile f) {
        Map<String, String> known = new HashMap<>();
        known.put("CODENAME", "noble");
        known.put("KUBERNETES_VERSION", "v" + versions.patch());
        known.put("VIP_INTERFACE", "ens33");
        known.put("IFACE", "ens33");
        Map<String, String> fills = new HashMap<>();
        for (String name : f.fills()) {
            fills.put(name, known.getOrDefault(name, "{{" + name + "}}"));
        }
        return Transcript.fill(content, fills);
    }

    private static int firstLine(StepScript s, String command) {
        String[] lines = s.text().split("\n");
        Pattern use = Pattern.compile("(^\\s*|\\$\\(|\\| )" + Pattern.quote(command) + "\\b");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].stripLeading().startsWith("#") && use.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 1;
    }

    /** The last line the script prints with a literal echo on stdout that contains {@code containing}. */
    private static String lastEcho(StepScript s, String containing) {
        String found = "";
        for (StepScript.Echo e : s.literalEchoes()) {
            if (!e.stderr() && e.text().contains(containing)) {
                found = e.text();
            }
        }
        return found;
    }

    /** Whether the control-plane endpoint answers: the load balancer (or keepalived's VIP) is up. */
    boolean endpointAnswers() {
        boolean anyLbStep = false;
        for (SimulatedNode n : cluster.nodeList()) {
            for (String id : n.doneSteps()) {
                if (id.startsWith("lb-")) {
                    anyLbStep = true;
                }
            }
        }
        boolean expectsLb = plan.lbHost().isPresent()
                || plan.lbMode() == dev.kubewizard.plan.LbMode.KEEPALIVED && plan.masters().size() > 0;
        return !expectsLb || anyLbStep;
    }

    private boolean holdsVip(SimulatedNode node) {
        return node.hostname().equals(plan.firstMaster().hostname());
    }

    /** The admin.conf kubeadm writes: PLACEHOLDER certificates, the plan's endpoint. */
    String adminConf() {
        String ca = pem("CERTIFICATE", "PLACEHOLDER-NOT-A-REAL-CERTIFICATE kubernetes CA of " + plan.cluster().name()
                + " (kubewizard simulated node)");
        String cert = pem("CERTIFICATE", "PLACEHOLDER-NOT-A-REAL-CERTIFICATE client CN=kubernetes-admin,"
                + " O=kubeadm:cluster-admins");
        String key = pem("RSA PRIVATE KEY", "PLACEHOLDER-NOT-A-REAL-KEY");
        Map<String, String> v = Map.of("ENDPOINT", KubeadmConfig.controlPlaneEndpoint(plan),
                "CA_DATA", base64(ca), "CLIENT_CERTIFICATE_DATA", base64(cert), "CLIENT_KEY_DATA", base64(key));
        try (var in = StepScenes.class.getResourceAsStream("/dev/kubewizard/sim/admin.conf")) {
            if (in == null) {
                throw new IllegalStateException("admin.conf template missing");
            }
            return Transcript.fill(new String(in.readAllBytes(), StandardCharsets.UTF_8), v);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String pem(String type, String body) {
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** kubectl get nodes -o wide, for the members of the cluster. */
    List<String> nodeTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE",
            "KERNEL-VERSION", "CONTAINER-RUNTIME"});
        Map<String, ClusterState.Member> members = cluster.state().members();
        for (ClusterState.Member m : members.values().stream()
                .sorted((a, b) -> a.hostname().compareTo(b.hostname())).toList()) {
            rows.add(new String[] {m.hostname(), cluster.state().calico() ? "Ready" : "NotReady",
                m.controlPlane() ? "control-plane" : "<none>", age(m.joined()), "v" + versions.patch(),
                address(m.hostname()), "<none>", OS_IMAGE, KERNEL, "containerd://" + CONTAINERD_VERSION});
        }
        return table(rows);
    }

    private List<String> podTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
            "READINESS GATES"});
        Map<String, ClusterState.Member> members = cluster.state().members();
        String first = plan.firstMaster().hostname();
        Instant init = members.containsKey(first) ? members.get(first).joined() : Instant.now();
        String podNet = podAddressPrefix();
        rows.add(new String[] {"calico-kube-controllers-7498b9bb4c-" + suffix(first, 5), "1/1", "Running", "0",
            age(init), podNet + ".129", first, "<none>", "<none>"});
        for (ClusterState.Member m : members.values()) {
            rows.add(new String[] {"calico-node-" + suffix(m.hostname() + "calico", 5), "1/1", "Running", "0",
                age(m.joined()), address(m.hostname()), m.hostname(), "<none>", "<none>"});
        }
        for (int i = 1; i <= 2; i++) {
            rows.add(new String[] {"coredns-66bc5c9577-" + suffix(first + "dns" + i, 5), "1/1", "Running", "0",
                age(init), podNet + "." + (129 + i), first, "<none>", "<none>"});
        }
        for (String component : List.of("etcd", "kube-apiserver", "kube-controller-manager")) {
            for (ClusterState.Member m : members.values()) {
                if (m.controlPlane()) {
                    rows.add(new String[] {component + "-" + m.hostname(), "1/1", "Running", "0", age(m.joined()),
                        address(m.hostname()), m.hostname(), "<none>", "<none>"});
                }
            }
        }
        for (ClusterState.Member m : members.values()) {
            rows.add(new String[] {"kube-proxy-" + suffix(m.hostname() + "proxy", 5), "1/1", "Running", "0",
                age(m.joined()), address(m.hostname()), m.hostname(), "<none>", "<none>"});
        }
        for (ClusterState.Member m : members.values()) {
            if (m.controlPlane()) {
                rows.add(new String[] {"kube-scheduler-" + m.hostname(), "1/1", "Running", "0", age(m.joined()),
                    address(m.hostname()), m.hostname(), "<none>", "<none>"});
            }
        }
        return table(rows);
    }

    private String podAddressPrefix() {
        String subnet = plan.cluster().podSubnet() == null ? "10.244.0.0/16" : plan.cluster().podSubnet();
        String[] o = subnet.split("/")[0].split("\\.");
        return o[0] + "." + o[1] + ".159";
    }

    private String address(String hostname) {
        return plan.nodes().stream().filter(n -> n.hostname().equals(hostname)).map(Node::address).findFirst()
                .orElse("");
    }

    private static String suffix(String seed, int length) {
        String chars = "bcdfghjklmnpqrstvwxz2456789";
        int h = seed.hashCode();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            h = h * 31 + 17;
            b.append(chars.charAt(Math.floorMod(h, chars.length())));
        }
        return b.toString();
    }

    /** kubectl's short ages: 45s, 5m12s, 23m, 2h5m. */
    static String age(Instant since) {
        long s = Math.max(0, Duration.between(since, Instant.now()).getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 3 * 3600) {
            return (s / 60) + "m";
        }
        return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
    }

    private static List<String> table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]);
                if (i < r.length - 1) {
                    b.append(" ".repeat(widths[i] - r[i].length() + 3));
                }
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    /** The placeholder values of the transcripts, for one node and script. */
    Map<String, String> values(SimulatedNode node, StepScript s, String loginUser) {
        Map<String, String> v = new HashMap<>();
        Mirrors m = plan.mirrors();
        String ubuntu = strip(m == null || m.ubuntu() == null ? "http://archive.ubuntu.com/ubuntu" : m.ubuntu());
        String docker = strip(m == null || m.dockerCe() == null ? "https://download.docker.com/linux/ubuntu"
                : m.dockerCe());
        String kube = strip(m == null || m.kubernetes() == null ? "https://pkgs.k8s.io/core:/stable:"
                : m.kubernetes());
        String images = m == null || m.imageRepository() == null ? "registry.k8s.io" : strip(m.imageRepository());
        String endpoint = KubeadmConfig.controlPlaneEndpoint(plan);
        v.put("HOST", node.hostname());
        v.put("ADDRESS", node.planHost().address());
        v.put("LOGIN_USER", loginUser);
        v.put("FIRST_MASTER", plan.firstMaster().hostname());
        v.put("FIRST_MASTER_ADDRESS", plan.firstMaster().address());
        v.put("ENDPOINT", endpoint);
        v.put("ENDPOINT_HOST", endpoint.substring(0, endpoint.lastIndexOf(':')));
        v.put("ENDPOINT_PORT", endpoint.substring(endpoint.lastIndexOf(':') + 1));
        v.put("VIP", plan.cluster().endpoint().vip() == null ? v.get("ENDPOINT_HOST")
                : plan.cluster().endpoint().vip());
        v.put("UBUNTU_MIRROR", ubuntu);
        v.put("UBUNTU_MIRROR_HOST", hostOf(ubuntu));
        v.put("DOCKER_MIRROR", docker);
        v.put("KUBE_REPO", kube + "/v1." + plan.kubernetesMinor() + "/deb");
        v.put("IMAGE_REPO", images);
        v.put("IMAGE_REGISTRY", images.contains("/") ? images.substring(0, images.indexOf('/')) : images);
        v.put("IMAGE_PATH", images.contains("/") ? images.substring(images.indexOf('/') + 1) : "library");
        v.put("K8S_MINOR", "1." + plan.kubernetesMinor());
        v.put("K8S_PATCH", versions.patch());
        v.put("CRI_TOOLS", versions.criTools());
        v.put("K8S_CNI", versions.cni());
        v.put("COREDNS", versions.coredns());
        v.put("ETCD", versions.etcd());
        v.put("PAUSE", KubernetesVersions.pauseTag(plan.kubernetesMinor()));
        v.put("CONTAINERD", CONTAINERD_VERSION);
        v.put("SERVICE_IP", firstServiceAddress());
        v.put("CA_HASH", cluster.state().caCertHash() == null ? "sha256:" + "0".repeat(64)
                : cluster.state().caCertHash());
        v.put("NODE_COUNT", Integer.toString(plan.nodes().size()));
        v.put("FIRST_WORKER", plan.workers().isEmpty() ? plan.firstMaster().hostname()
                : plan.workers().get(0).hostname());
        v.put("LAST_NODE", plan.nodes().stream().map(Node::hostname).sorted().reduce((a, b) -> b).orElse(""));
        if (plan.harbor() != null) {
            v.put("HARBOR_HOST", plan.harbor().host());
            v.put("HARBOR_IMAGE", plan.harbor().testImage());
        }
        v.put("SCRIPT", "script.sh");
        v.put("SUMMARY", lastEcho(s, ""));
        Matcher include = NGINX_INCLUDE.matcher(s.text());
        v.put("NGINX_INCLUDE", include.find() ? include.group(1) : "include /etc/nginx/stream.d/*.conf;");
        v.put("FIRST_FILE", s.writtenFiles().isEmpty() ? "/etc/kubewizard" : s.writtenFiles().get(0).path());
        return v;
    }

    private String firstServiceAddress() {
        String subnet = plan.cluster().serviceSubnet() == null ? "10.96.0.0/12" : plan.cluster().serviceSubnet();
        String[] o = subnet.split("/")[0].split("\\.");
        return o[0] + "." + o[1] + "." + o[2] + "." + (Integer.parseInt(o[3]) + 1);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String hostOf(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? url : h;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
