package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Harbor;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStepsTest {
    /** Canary run-time values: they must reach kubeadm/kubectl and appear nowhere else. */
    private static final String TOKEN = "canary.c4n4ryc4n4ryc4n4";
    private static final String HASH = "sha256:" + "cafe".repeat(16);
    private static final String KEY = "ca11ab1e".repeat(8);
    private static final String PASSWORD = "Canary-P@ss w0rd'\"$x";

    @TempDir
    Path tmp;

    private final ClusterPlan course = PlanYaml.courseExample();

    private static ClusterPlan withHarbor(ClusterPlan p, Harbor h) {
        return new ClusterPlan(p.apiVersion(), p.cluster(), p.loadBalancer(), p.nodes(), p.ssh(), p.mirrors(), h, p.cni());
    }

    private List<Step> allSteps(ClusterPlan plan, RecipeInputs inputs) {
        List<Step> steps = new ArrayList<>(ClusterSteps.init(plan));
        plan.masters().stream().skip(1).forEach(m -> steps.addAll(ClusterSteps.joinMaster(plan, m)));
        plan.workers().forEach(w -> steps.addAll(ClusterSteps.joinWorker(plan, w)));
        steps.addAll(ClusterSteps.cni(plan, inputs));
        steps.addAll(ClusterSteps.harbor(plan));
        steps.addAll(ClusterSteps.verify(plan));
        plan.nodes().forEach(n -> steps.add(ClusterSteps.reset(plan, n)));
        return steps;
    }

    private int nodes;

    private ClusterStepsFakeNode node() {
        return new ClusterStepsFakeNode(tmp.resolve("node" + (++nodes)));
    }

    private static String stdin(String... values) {
        return String.join("\n", values) + "\n";
    }

    private static Step byId(List<Step> steps, String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- shape ----

    @Test
    void eachPhaseRunsOnTheRightHostsInTheCoursesOrder() {
        List<Step> init = ClusterSteps.init(course);
        assertEquals(List.of("kubeadm-config", "kubeadm-images", "kubeadm-init", "kubectl-config"),
                init.stream().map(Step::id).toList());
        assertTrue(init.stream().allMatch(s -> s.phase() == Phase.INIT && s.host().equals("k8s-master1")));

        List<Step> master3 = ClusterSteps.joinMaster(course, course.masters().get(2));
        assertEquals(List.of("k8s-master1", "k8s-master3"), master3.stream().map(Step::host).toList());
        assertEquals(List.of("join-data-k8s-master3", "kubeadm-join"), master3.stream().map(Step::id).toList());
        assertTrue(master3.stream().allMatch(s -> s.phase() == Phase.JOIN_MASTER));
        assertEquals(master3.get(0).outputs(), master3.get(1).inputs(), "what the first master prints, the node reads");

        List<Step> node1 = ClusterSteps.joinWorker(course, course.workers().get(0));
        assertEquals(List.of("k8s-master1", "k8s-node1"), node1.stream().map(Step::host).toList());
        assertTrue(node1.stream().allMatch(s -> s.phase() == Phase.JOIN_WORKER));
        assertEquals(List.of(JoinData.TOKEN, JoinData.CA_CERT_HASH), node1.get(1).inputs());

        Step cni = ClusterSteps.cni(course, RecipeInputs.withCalicoManifest(CalicoManifestTest.HAND_WRITTEN)).get(0);
        assertEquals(Phase.CNI, cni.phase());
        assertEquals("k8s-master1", cni.host());
        Step harbor = ClusterSteps.harbor(course).get(0);
        assertEquals(Phase.HARBOR, harbor.phase());
        assertEquals(List.of(ClusterSteps.HARBOR_PASSWORD), harbor.inputs());
        assertTrue(ClusterSteps.harbor(withHarbor(course, null)).isEmpty());
        Step verify = ClusterSteps.verify(course).get(0);
        assertEquals(Phase.VERIFY, verify.phase());
        assertTrue(verify.check().endsWith("exit 1\n"), "verification always runs");

        assertThrows(IllegalArgumentException.class, () -> ClusterSteps.joinMaster(course, course.masters().get(0)));
        assertThrows(IllegalArgumentException.class, () -> ClusterSteps.joinMaster(course, course.workers().get(0)));
        assertThrows(IllegalArgumentException.class, () -> ClusterSteps.joinWorker(course, course.masters().get(1)));
        assertEquals(Phase.INIT, ClusterSteps.reset(course, course.masters().get(0)).phase());
        assertEquals(Phase.JOIN_MASTER, ClusterSteps.reset(course, course.masters().get(1)).phase());
        assertEquals(Phase.JOIN_WORKER, ClusterSteps.reset(course, course.workers().get(1)).phase());
    }

    @Test
    void titlesAndWhyTextsExistInBothLanguagesAndBothBundlesHaveTheSameKeys() {
        assertEquals(Messages.keys("cluster", "zh"), Messages.keys("cluster", "en"));
        for (Step s : allSteps(course, RecipeInputs.withCalicoManifest(CalicoManifestTest.HAND_WRITTEN))) {
            assertFalse(s.title().zh().isBlank() || s.title().en().isBlank() || s.why().zh().isBlank(), s.id());
            assertFalse(s.why().en().contains("{") || s.why().zh().contains("{"), s.id() + ": " + s.why());
            assertFalse(s.why().en().contains("''"), s.id() + ": " + s.why().en());
        }
        assertTrue(ClusterSteps.init(course).get(2).why().zh().contains("kubeadm-init.txt"));
    }

    // ---- static properties of every script ----

    @Test
    void everyScriptAndCheckPassesShellcheck() {
        Map<String, String> scripts = new LinkedHashMap<>();
        ClusterPlan old = KubeadmConfigTest.withVersion(course, "1.30");
        Harbor h = course.harbor();
        ClusterPlan noPullSecret = withHarbor(course, new Harbor(h.host(), h.scheme(), h.skipVerify(), h.username(),
                h.testImage(), false));
        int i = 0;
        for (ClusterPlan plan : List.of(course, old, noPullSecret)) {
            for (RecipeInputs inputs : List.of(RecipeInputs.withCalicoManifest(CalicoManifestTest.HAND_WRITTEN),
                    RecipeInputs.none())) {
                for (Step s : allSteps(plan, inputs)) {
                    scripts.put((i++) + "-" + s.host() + "-" + s.id() + ".sh", s.script());
                    scripts.put((i++) + "-" + s.host() + "-" + s.id() + ".check.sh", s.check());
                }
            }
        }
        Shellcheck.assertClean(scripts);
    }

    @Test
    void everyKubectlCallOnAMasterUsesAdminConf() {
        Pattern kubectlCall = Pattern.compile("(^|[\\s;&|(])kubectl\\s");
        for (Step s : allSteps(course, RecipeInputs.withCalicoManifest(CalicoManifestTest.HAND_WRITTEN))) {
            boolean worker = course.workers().stream().anyMatch(w -> w.hostname().equals(s.host()));
            for (String script : List.of(s.script(), s.check())) {
                for (String line : script.lines().toList()) {
                    if (line.stripLeading().startsWith("#") || !kubectlCall.matcher(line).find()) {
                        continue;
                    }
                    String expected = worker ? "--kubeconfig /etc/kubernetes/kubelet.conf"
                            : "--kubeconfig /etc/kubernetes/admin.conf";
                    assertTrue(line.contains(expected), s.host() + "/" + s.id() + ": " + line);
                }
            }
        }
    }

    @Test
    void secretsAreOnlyReadTestedAndPipedNeverPassedToAProgram() {
        List<Pattern> allowed = List.of(
                Pattern.compile("^IFS= read -r (KW_\\w+) \\|\\| kw_no_input \\1$"),
                Pattern.compile("^\\s*if ! \\[\\[ \\$(KW_\\w+|token|certificate_key) =~ \\S+ ]]; then$"),
                Pattern.compile("^\\s*echo \"kubewizard: KW_\\w+ is not [^$]*\" >&2$"),
                Pattern.compile("^\\s*line=\\$\\{line//\"\\{\\{(KW_\\w+)}}\"/\"\\$\\1\"}$"),
                Pattern.compile("^\\s*if \\[ -z \"\\$KW_HARBOR_PASSWORD\" ]; then$"),
                Pattern.compile("^\\s*auth=\\$\\(printf '%s:%s' \"\\$HARBOR_USER\" \"\\$KW_HARBOR_PASSWORD\" \\| base64 -w0\\)$"),
                Pattern.compile("^\\s*kw_output KW_\\w+ \"\\$(token|certificate_key)\"$"),
                Pattern.compile("^\\s*(token|certificate_key)=\\$\\(printf '%s\\\\n' \"\\$\\w+\" \\| (join_flag --token|last_line)\\)$"));
        Pattern secretUse = Pattern.compile("\\$\\{?(KW_JOIN_TOKEN|KW_CERTIFICATE_KEY|KW_HARBOR_PASSWORD|token|certificate_key)\\b");
        int uses = 0;
        for (Step s : allSteps(course, RecipeInputs.withCalicoManifest(CalicoManifestTest.HAND_WRITTEN))) {
            for (String line : s.script().lines().toList()) {
                if (secretUse.matcher(line).find()) {
                    uses++;
                    assertTrue(allowed.stream().anyMatch(p -> p.matcher(line).matches()),
                            s.host() + "/" + s.id() + " uses a secret in an unexpected way: " + line);
                }
            }
        }
        assertTrue(uses > 10, "the scan saw the secrets: " + uses);
    }

    // ---- init on a fake node ----

    private ClusterStepsFakeNode kubeadmNode(String version) {
        return node().fake("kubeadm", """
                echo "$*" >> "$KW_FAKE_LOG/kubeadm.args"
                case "$1" in
                  version) echo %s ;;
                  init)
                    echo "[init] Using Kubernetes version: v1.34.3"
                    echo "  kubeadm join k8s-api.cluster.local:6443 --token abcdef.0123456789abcdef"
                    mkdir -p "$KW_FAKE_ROOT/etc/kubernetes/manifests"
                    echo "fake admin" > "$KW_FAKE_ROOT/etc/kubernetes/admin.conf"
                    touch "$KW_FAKE_ROOT/etc/kubernetes/manifests/kube-apiserver.yaml"
                    ;;
                  *) echo "fake kubeadm: unexpected $*" >&2; exit 2 ;;
                esac
                """.formatted(version));
    }

    @Test
    void theKubeadmConfigIsWrittenWithTheInstalledVersionAndTheCheckThenPasses() throws IOException {
        ClusterStepsFakeNode node = kubeadmNode("v1.34.3");
        Step step = ClusterSteps.init(course).get(0);
        assertEquals(1, node.run(step.check(), "").exitCode(), "not done before");
        ClusterStepsFakeNode.Run run = node.run(step.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        Path config = node.path(KubeadmConfig.INIT_CONFIG_PATH);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        List<JsonNode> docs = KubeadmConfigTest.documents(Files.readString(config, StandardCharsets.UTF_8));
        assertEquals("v1.34.3", docs.get(1).path("kubernetesVersion").asText());
        assertEquals("192.168.1.101", docs.get(0).at("/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(0, node.run(step.check(), "").exitCode(), "done after");
        assertTrue(node.run(step.script(), "").stdout().contains("unchanged: "), "a second run changes nothing");
    }

    @Test
    void aKubeadmOfAnotherMinorLineIsRefused() {
        ClusterStepsFakeNode node = kubeadmNode("v1.33.7");
        ClusterStepsFakeNode.Run run = node.run(ClusterSteps.init(course).get(0).script(), "");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("the plan says 1.34"), run.stderr());
        assertFalse(Files.exists(node.path(KubeadmConfig.INIT_CONFIG_PATH)));
    }

    @Test
    void aControlPlaneMadeFromOtherSettingsAsksForAResetAndKeepsItsConfiguration() throws IOException {
        ClusterStepsFakeNode node = kubeadmNode("v1.34.3");
        Files.createDirectories(node.path("/etc/kubernetes/manifests"));
        Files.writeString(node.path(ClusterSteps.API_SERVER_MANIFEST), "kind: Pod\n");
        Files.createDirectories(node.path("/etc/kubewizard"));
        Files.writeString(node.path(KubeadmConfig.INIT_CONFIG_PATH), "# made from an older plan\n");
        ClusterStepsFakeNode.Run run = node.run(ClusterSteps.init(course).get(0).script(), "");
        assertEquals(KubeadmLeftovers.EXIT_NEEDS_RESET, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("重置节点") && run.stderr().contains("reset node"), run.stderr());
        assertEquals("# made from an older plan\n", Files.readString(node.path(KubeadmConfig.INIT_CONFIG_PATH)));
    }

    @Test
    void leftoversOfAnEarlierAttemptStopInitWithAResetHintBeforeKubeadmRuns() {
        ClusterStepsFakeNode node = kubeadmNode("v1.34.3").fake("ss",
                "if [ \"${2:-}\" = 'sport = :10250' ]; then echo 'LISTEN 0 4096 *:10250 *:*'; fi");
        ClusterStepsFakeNode.Run run = node.run(ClusterSteps.init(course).get(2).script(), "");
        assertEquals(KubeadmLeftovers.EXIT_NEEDS_RESET, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("port 10250 is in use ([ERROR Port-10250])"), run.stderr());
        assertTrue(run.stderr().contains("k8s-master1 执行“重置节点”"), run.stderr());
        assertEquals("", node.logged("kubeadm.args"), "kubeadm never ran");
    }

    @Test
    void kubeadmsOwnPreflightErrorAboutAnEarlierRunAlsoAsksForAReset() {
        ClusterStepsFakeNode node = node().fake("kubeadm", """
                echo "error execution phase preflight: [preflight] Some fatal errors occurred:"
                printf '\\t[ERROR Port-6443]: Port 6443 is in use\\n'
                exit 1
                """);
        ClusterStepsFakeNode.Run run = node.run(ClusterSteps.init(course).get(2).script(), "");
        assertEquals(KubeadmLeftovers.EXIT_NEEDS_RESET, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("reset node"), run.stderr());

        ClusterStepsFakeNode other = node().fake("kubeadm", "echo '[ERROR FileExisting-conntrack]: conntrack not found'; exit 1");
        ClusterStepsFakeNode.Run missingTool = other.run(ClusterSteps.init(course).get(2).script(), "");
        assertEquals(1, missingTool.exitCode(), "other failures are not a reset case: " + missingTool.all());
    }

    @Test
    void initKeepsItsOutputForRootOnlyAndIsNotRepeatedOnceTheControlPlaneIsComplete() throws IOException {
        ClusterStepsFakeNode node = kubeadmNode("v1.34.3").fake("kubectl", """
                echo "$*" >> "$KW_FAKE_LOG/kubectl.args"
                case "$*" in
                  *"get daemonset kube-proxy"*) echo daemonset.apps/kube-proxy ;;
                  *) exit 1 ;;
                esac
                """);
        Step init = ClusterSteps.init(course).get(2);
        assertEquals(1, node.run(init.check(), "").exitCode());
        ClusterStepsFakeNode.Run first = node.run(init.script(), "");
        assertEquals(0, first.exitCode(), first.all());
        Path saved = node.path(ClusterSteps.INIT_OUTPUT);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        assertTrue(Files.readString(saved).contains("kubeadm join k8s-api.cluster.local:6443"));
        assertTrue(node.logged("kubeadm.args").contains("init --config " + node.path(KubeadmConfig.INIT_CONFIG_PATH)
                + " --upload-certs --skip-token-print --skip-certificate-key-print"), "the saved output keeps no secret");

        assertEquals(0, node.run(init.check(), "").exitCode(), "done after");
        assertTrue(node.logged("kubectl.args").contains("--kubeconfig " + node.path(ClusterSteps.ADMIN_CONF)
                + " --server https://127.0.0.1:6443"));
        ClusterStepsFakeNode.Run second = node.run(init.script(), "");
        assertEquals(0, second.exitCode(), second.all());
        assertTrue(second.stdout().contains("already initialised"));
        assertEquals(1, node.logged("kubeadm.args").lines().filter(l -> l.startsWith("init")).count());
    }

    @Test
    void imagesArePulledWithTheConfigAndTheCheckLooksForEachOneInContainerd() {
        ClusterStepsFakeNode node = node().fake("kubeadm", """
                echo "$*" >> "$KW_FAKE_LOG/kubeadm.args"
                case "$*" in
                  "config images list --config "*) printf '%s\\n' registry.aliyuncs.com/google_containers/pause:3.10.1 \\
                    registry.aliyuncs.com/google_containers/etcd:3.6.4-0 ;;
                  "config images pull --config "*) touch "$KW_FAKE_LOG/pulled" ;;
                  *) exit 2 ;;
                esac
                """).fake("crictl", """
                [ "$1" = inspecti ] && [ -f "$KW_FAKE_LOG/pulled" ]
                """);
        Step images = ClusterSteps.init(course).get(1);
        assertEquals(1, node.run(images.check(), "").exitCode(), "not pulled yet");
        ClusterStepsFakeNode.Run run = node.run(images.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(node.logged("kubeadm.args").contains("config images pull --config "
                + node.path(KubeadmConfig.INIT_CONFIG_PATH)));
        assertEquals(0, node.run(images.check(), "").exitCode(), "pulled");
    }

    @Test
    void kubectlIsSetUpForRootWithItsOwnPrivateCopyOfAdminConf() throws IOException {
        Tools.requireRoot();  // install -o root
        ClusterStepsFakeNode node = node().fake("getent", "echo \"$2:x:0:0:$2:$KW_FAKE_ROOT/root:/bin/bash\"");
        Files.createDirectories(node.path("/etc/kubernetes"));
        Files.writeString(node.path(ClusterSteps.ADMIN_CONF), "apiVersion: v1\nkind: Config\n");
        Files.createDirectories(node.path("/root/.kube"));
        Files.writeString(node.path("/root/.kube/config"), "an older cluster\n");
        Step kubectl = ClusterSteps.init(course).get(3);
        assertEquals(1, node.run(kubectl.check(), "").exitCode());
        ClusterStepsFakeNode.Run run = node.run(kubectl.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        assertEquals("apiVersion: v1\nkind: Config\n", Files.readString(node.path("/root/.kube/config")));
        assertEquals("an older cluster\n", Files.readString(node.path("/root/.kube/config.before-kubewizard")),
                "an existing kubeconfig is kept, not clobbered");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.path("/root/.kube"))));
        assertEquals(0, node.run(kubectl.check(), "").exitCode(), "done after");
        assertEquals(0, node.run(kubectl.script(), "").exitCode(), "a second run works too");
        assertEquals("an older cluster\n", Files.readString(node.path("/root/.kube/config.before-kubewizard")));
    }

    // ---- joins on a fake node ----

    private ClusterStepsFakeNode joiningNode(boolean controlPlane) {
        String joined = controlPlane
                ? "mkdir -p \"$KW_FAKE_ROOT/etc/kubernetes/manifests\"; echo admin > \"$KW_FAKE_ROOT/etc/kubernetes/admin.conf\";"
                        + " touch \"$KW_FAKE_ROOT/etc/kubernetes/manifests/kube-apiserver.yaml\";"
                : "mkdir -p \"$KW_FAKE_ROOT/etc/kubernetes\";";
        return node().fake("kubeadm", """
                echo "$*" >> "$KW_FAKE_LOG/kubeadm.args"
                if [ "$1 $2" = "join --config" ]; then
                  cat "$3" > "$KW_FAKE_LOG/join-config.yaml"
                  %s
                  echo kubelet > "$KW_FAKE_ROOT/etc/kubernetes/kubelet.conf"
                  echo "This node has joined the cluster:"
                else
                  exit 2
                fi
                """.formatted(joined)).fake("kubectl", """
                echo "$*" >> "$KW_FAKE_LOG/kubectl.args"
                echo node/k8s-master2
                """).fake("getent", "echo \"$2:x:0:0:$2:$KW_FAKE_ROOT/root:/bin/bash\"");
    }

    @Test
    void aWorkerJoinsWithTheTokenOnlyInAPipeAndNotAgainOnceJoined() throws IOException {
        ClusterStepsFakeNode node = joiningNode(false);
        Step join = ClusterSteps.joinWorker(course, course.workers().get(1)).get(1);
        ClusterStepsFakeNode.Run run = node.run(join.script(), stdin(TOKEN, HASH));
        assertEquals(0, run.exitCode(), run.all());

        JsonNode config = KubeadmConfigTest.documents(node.logged("join-config.yaml")).get(0);
        assertEquals("JoinConfiguration", config.path("kind").asText());
        assertEquals(TOKEN, config.at("/discovery/bootstrapToken/token").asText());
        assertEquals(HASH, config.at("/discovery/bootstrapToken/caCertHashes/0").asText());
        assertEquals("k8s-api.cluster.local:6443", config.at("/discovery/bootstrapToken/apiServerEndpoint").asText());
        assertEquals("k8s-node2", config.at("/nodeRegistration/name").asText());
        assertEquals("192.168.1.202", config.at("/nodeRegistration/kubeletExtraArgs/0/value").asText());
        assertTrue(config.path("controlPlane").isMissingNode());
        assertTrue(node.logged("kubeadm.args").startsWith("join --config /dev/fd/"), node.logged("kubeadm.args"));

        for (String place : List.of(node.logged("kubeadm.args"), run.all(), node.everyNodeFile())) {
            assertFalse(place.contains(TOKEN), "the token leaked: " + place);
        }

        assertEquals(0, node.run(join.check(), "").exitCode(), "done after");
        ClusterStepsFakeNode.Run again = node.run(join.script(), stdin(TOKEN, HASH));
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.stdout().contains("k8s-node2 has already joined"), again.stdout());
        assertEquals(1, node.logged("kubeadm.args").lines().count());
        assertTrue(node.logged("kubectl.args").contains("--kubeconfig " + node.path(ClusterSteps.KUBELET_CONF)
                + " --request-timeout=10s get node k8s-node2"));
    }

    @Test
    void aMasterJoinsWithTheCertificateKeyAndGetsKubectl() throws IOException {
        Tools.requireRoot();  // kubectl_for hands ~/.kube/config to its owner with install -o
        ClusterStepsFakeNode node = joiningNode(true);
        Step join = ClusterSteps.joinMaster(course, course.masters().get(1)).get(1);
        assertEquals(1, node.run(join.check(), "").exitCode());
        ClusterStepsFakeNode.Run run = node.run(join.script(), stdin(TOKEN, HASH, KEY));
        assertEquals(0, run.exitCode(), run.all());

        JsonNode config = KubeadmConfigTest.documents(node.logged("join-config.yaml")).get(0);
        assertEquals(KEY, config.at("/controlPlane/certificateKey").asText());
        assertEquals("192.168.1.102", config.at("/controlPlane/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(TOKEN, config.at("/discovery/bootstrapToken/token").asText());
        for (String place : List.of(node.logged("kubeadm.args"), run.all(), node.everyNodeFile())) {
            assertFalse(place.contains(TOKEN) || place.contains(KEY), "a secret leaked: " + place);
        }
        Path kubeconfig = node.path("/root/.kube/config");
        assertEquals("admin\n", Files.readString(kubeconfig));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
        assertEquals(0, node.run(join.check(), "").exitCode(), "done after");
    }

    @Test
    void malformedOrMissingJoinValuesStopBeforeKubeadm() {
        ClusterStepsFakeNode node = joiningNode(true);
        Step join = ClusterSteps.joinMaster(course, course.masters().get(1)).get(1);
        ClusterStepsFakeNode.Run bad = node.run(join.script(), stdin("not-a-token", HASH, KEY));
        assertEquals(3, bad.exitCode(), bad.all());
        assertTrue(bad.stderr().contains("KW_JOIN_TOKEN is not a bootstrap token"));
        ClusterStepsFakeNode.Run missing = node.run(join.script(), stdin(TOKEN, HASH));
        assertEquals(3, missing.exitCode(), missing.all());
        assertTrue(missing.stderr().contains("KW_CERTIFICATE_KEY"));
        assertEquals("", node.logged("kubeadm.args"));
    }

    @Test
    void theJoinTemplateInTheScriptIsTheJoinConfiguration() {
        for (var n : List.of(course.masters().get(1), course.workers().get(0))) {
            Step join = n.role() == dev.kubewizard.plan.Role.MASTER
                    ? ClusterSteps.joinMaster(course, n).get(1) : ClusterSteps.joinWorker(course, n).get(1);
            String script = join.script();
            int start = script.indexOf("done <<'KW_EOF'\n") + "done <<'KW_EOF'\n".length();
            String template = script.substring(start, script.indexOf("\nKW_EOF\n", start) + 1);
            assertEquals(KubeadmConfig.join(course, n), template);
            assertEquals(n.hostname(), KubeadmConfigTest.documents(template).get(0).at("/nodeRegistration/name").asText());
            assertTrue(join.files().isEmpty(), "the join configuration is never a file");
        }
    }

    // ---- Calico, Harbor, verification, reset ----

    @Test
    void calicoIsWrittenAndAppliedAndTheCheckRecognisesTheFile() throws IOException {
        ClusterStepsFakeNode node = node().fake("kubectl", "echo \"$*\" >> \"$KW_FAKE_LOG/kubectl.args\"");
        Step cni = ClusterSteps.cni(course, RecipeInputs.withCalicoManifest(CalicoManifestTest.HAND_WRITTEN)).get(0);
        assertEquals(1, node.run(cni.check(), "").exitCode());
        ClusterStepsFakeNode.Run run = node.run(cni.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        String written = Files.readString(node.path(ClusterSteps.CALICO_MANIFEST_PATH));
        assertEquals(CalicoManifest.process(CalicoManifestTest.HAND_WRITTEN, "10.244.0.0/16", "docker.m.daocloud.io"),
                written);
        assertEquals(cni.files().get(0).content(), written);
        assertTrue(node.logged("kubectl.args").contains("--kubeconfig " + node.path(ClusterSteps.ADMIN_CONF)
                + " apply --server-side --force-conflicts -f " + node.path(ClusterSteps.CALICO_MANIFEST_PATH)));
        assertEquals(0, node.run(cni.check(), "").exitCode(), "file in place and kubectl diff reports nothing");
        assertTrue(node.logged("kubectl.args").contains(" diff --server-side"));
        Files.writeString(node.path(ClusterSteps.CALICO_MANIFEST_PATH), written + "# edited\n");
        assertEquals(1, node.run(cni.check(), "").exitCode(), "an edited file is not the prepared manifest");
    }

    @Test
    void withoutAManifestTheCalicoStepNamesAPlaceholderAndRefusesToRun() {
        Step cni = ClusterSteps.cni(course, RecipeInputs.none()).get(0);
        assertEquals(1, cni.files().size());
        assertEquals(ClusterSteps.CALICO_MANIFEST_PATH, cni.files().get(0).path());
        assertEquals(java.util.Set.of("CALICO_MANIFEST"), cni.files().get(0).placeholders());
        ClusterStepsFakeNode node = node().fake("kubectl", "echo \"$*\" >> \"$KW_FAKE_LOG/kubectl.args\"");
        ClusterStepsFakeNode.Run run = node.run(cni.script(), "");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("calico.yaml (Calico v3.28.2) has not been read yet"), run.stderr());
        assertFalse(Files.exists(node.path(ClusterSteps.CALICO_MANIFEST_PATH)));
        assertEquals("", node.logged("kubectl.args"));
    }

    private ClusterStepsFakeNode harborNode(String pods) throws IOException {
        ClusterStepsFakeNode node = node().fake("kubectl", """
                echo "$*" >> "$KW_FAKE_LOG/kubectl.args"
                case "$*" in
                  *" apply -f -") cat > "$(mktemp "$KW_FAKE_LOG/applied-XXXXXX")" ;;
                  *"get pods"*) cat "$KW_FAKE_LOG/pods.txt" ;;
                  *"get events"*) echo "Failed   Failed to pull image: 401 Unauthorized" ;;
                  *) ;;
                esac
                """);
        Files.writeString(node.log.resolve("pods.txt"), pods);
        return node;
    }

    private static List<String> applied(ClusterStepsFakeNode node) throws IOException {
        try (var files = Files.list(node.log)) {
            List<String> texts = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("applied-")).toList()) {
                texts.add(Files.readString(p));
            }
            return texts;
        }
    }

    @Test
    void harborPullTestRunsOnEveryNodeWithASecretBuiltFromStdin() throws IOException {
        StringBuilder pods = new StringBuilder();
        for (var n : course.nodes()) {
            pods.append("harbor-pull-test-").append(n.hostname()).append('|').append(n.hostname())
                    .append("|harbor.labworlds.cc/go-starter/dev@sha256:1234|\n");
        }
        ClusterStepsFakeNode node = harborNode(pods.toString());
        Step harbor = ClusterSteps.harbor(course).get(0);
        ClusterStepsFakeNode.Run run = node.run(harbor.script(), stdin(PASSWORD));
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.stdout().contains("on all 5 nodes"), run.stdout());

        List<String> secrets = applied(node).stream().filter(t -> t.contains("kind: Secret")).toList();
        assertEquals(2, secrets.size(), "the test namespace's secret and the default namespace's");
        for (String secret : secrets) {
            JsonNode s = KubeadmConfigTest.documents(secret).get(0);
            assertEquals("kubernetes.io/dockerconfigjson", s.path("type").asText());
            assertEquals("harbor-pull", s.at("/metadata/name").asText());
            JsonNode config = KubeadmConfigTest.documents(new String(Base64.getDecoder()
                    .decode(s.at("/data/.dockerconfigjson").asText()), StandardCharsets.UTF_8)).get(0);
            String auth = config.at("/auths/harbor.labworlds.cc/auth").asText();
            assertEquals("admin:" + PASSWORD, new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8));
        }
        JsonNode daemonSet = KubeadmConfigTest.documents(applied(node).stream()
                .filter(t -> t.contains("kind: DaemonSet")).findFirst().orElseThrow()).get(0);
        assertEquals("harbor.labworlds.cc/go-starter/dev:lbw-v1.0",
                daemonSet.at("/spec/template/spec/containers/0/image").asText());
        assertEquals("Always", daemonSet.at("/spec/template/spec/containers/0/imagePullPolicy").asText());
        assertEquals("harbor-pull", daemonSet.at("/spec/template/spec/imagePullSecrets/0/name").asText());

        String args = node.logged("kubectl.args");
        assertTrue(args.contains("patch serviceaccount default --type merge -p {\"imagePullSecrets\":[{\"name\":\"harbor-pull\"}]}"),
                args);
        assertTrue(args.contains("delete namespace kubewizard-harbor-check"), "the test namespace is removed");
        assertFalse(args.contains("Canary") || run.all().contains("Canary"), "the password leaked");
        assertFalse(node.everyNodeFile().contains("Canary"));
    }

    @Test
    void aFailedHarborPullNamesTheNodeAndKubeletsReason() throws IOException {
        ClusterStepsFakeNode node = harborNode("harbor-pull-test-a|k8s-node1|harbor.labworlds.cc/x@sha256:1|\n"
                + "harbor-pull-test-b|k8s-node2||ErrImagePull\n");
        ClusterStepsFakeNode.Run run = node.run(ClusterSteps.harbor(course).get(0).script(), stdin(PASSWORD));
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("the pull failed on node k8s-node2"), run.stderr());
        assertTrue(run.stderr().contains("401 Unauthorized"), run.stderr());
        assertFalse(node.logged("kubectl.args").contains("patch serviceaccount"), "no pull secret after a failed test");
        assertTrue(node.logged("kubectl.args").contains("delete namespace kubewizard-harbor-check"));
    }

    @Test
    void harborWithoutPullSecretLeavesTheServiceAccountAloneAndAlwaysRuns() {
        Harbor h = course.harbor();
        ClusterPlan plan = withHarbor(course, new Harbor(h.host(), h.scheme(), h.skipVerify(), h.username(),
                h.testImage(), null));
        Step step = ClusterSteps.harbor(plan).get(0);
        assertFalse(step.script().contains("patch serviceaccount"));
        assertTrue(step.check().endsWith("exit 1\n"));
        assertTrue(ClusterSteps.harbor(course).get(0).check().contains("imagePullSecrets"));
    }

    private ClusterStepsFakeNode clusterNode(String nodeNames) throws IOException {
        ClusterStepsFakeNode node = node().fake("kubectl", """
                echo "$*" >> "$KW_FAKE_LOG/kubectl.args"
                case "$*" in
                  *"get nodes -o name") sed 's|^|node/|' "$KW_FAKE_LOG/nodes.txt" ;;
                  *"get --raw /readyz") echo ok ;;
                  *) ;;
                esac
                """);
        Files.writeString(node.log.resolve("nodes.txt"), nodeNames);
        return node;
    }

    @Test
    void verificationWantsExactlyThePlansNodesReadyAndTheApiThroughEndpointAndVip() throws IOException {
        Step verify = ClusterSteps.verify(course).get(0);
        ClusterStepsFakeNode node = clusterNode("k8s-node2\nk8s-master1\nk8s-master2\nk8s-master3\nk8s-node1\n");
        ClusterStepsFakeNode.Run run = node.run(verify.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        String args = node.logged("kubectl.args");
        assertTrue(args.contains("wait --for=condition=Ready --timeout=600s node/k8s-master1 node/k8s-master2"
                + " node/k8s-master3 node/k8s-node1 node/k8s-node2"), args);
        assertTrue(args.contains("rollout status daemonset/calico-node"), args);
        assertTrue(args.contains("--server https://k8s-api.cluster.local:6443 --request-timeout=15s get --raw /readyz"));
        assertTrue(args.contains("--server https://192.168.1.100:6443 --request-timeout=15s get --raw /readyz"));
        assertTrue(args.contains("--server https://192.168.1.103:6443 --request-timeout=15s get --raw /readyz"));

        ClusterStepsFakeNode extra = clusterNode("k8s-master1\nk8s-master2\nk8s-master3\nk8s-node1\nk8s-node2\nold-node\n");
        Step quick = new Step(verify.id(), verify.phase(), verify.host(), verify.title(), verify.why(),
                verify.script().replace("kw_retry 30 10 same_nodes", "kw_retry 1 0 same_nodes"), verify.check(),
                verify.files(), verify.inputs(), verify.outputs());
        ClusterStepsFakeNode.Run wrong = extra.run(quick.script(), "");
        assertEquals(1, wrong.exitCode(), wrong.all());
        assertTrue(wrong.stderr().contains("exactly these 5 nodes") && wrong.stderr().contains("old-node"), wrong.stderr());
    }

    @Test
    void resetCleansWhatKubeadmLeavesAndKeepsOtherFirewallRules() throws IOException {
        ClusterStepsFakeNode node = node()
                .fake("kubeadm", """
                        echo "$*" >> "$KW_FAKE_LOG/kubeadm.args"
                        rm -rf "$KW_FAKE_ROOT/etc/kubernetes"
                        """)
                .fake("getent", "echo \"$2:x:0:0:$2:$KW_FAKE_ROOT/root:/bin/bash\"")
                .fake("iptables-save", """
                        printf '%s\\n' '*filter' ':INPUT ACCEPT [0:0]' ':KUBE-FIREWALL - [0:0]' \\
                          '-A INPUT -j KUBE-FIREWALL' '-A INPUT -m comment --comment "cali:abc" -j cali-INPUT' \\
                          '-A INPUT -p tcp --dport 22 -j ACCEPT' 'COMMIT'
                        """)
                .fake("iptables-restore", "cat > \"$KW_FAKE_LOG/iptables.restored\"")
                .fake("ip6tables-save", "echo '*filter'; echo 'COMMIT'")
                .fake("ip6tables-restore", "cat > \"$KW_FAKE_LOG/ip6tables.restored\"")
                .fake("ipvsadm", "echo \"$*\" >> \"$KW_FAKE_LOG/ipvsadm.args\"");
        Files.createDirectories(node.path("/etc/kubernetes/manifests"));
        Files.writeString(node.path("/etc/kubernetes/kubelet.conf"), "x");
        Files.writeString(node.path(ClusterSteps.ADMIN_CONF), "admin\n");
        Files.createDirectories(node.path("/root/.kube"));
        Files.writeString(node.path("/root/.kube/config"), "admin\n");
        Files.createDirectories(node.path("/etc/cni/net.d"));
        Files.writeString(node.path("/etc/cni/net.d/10-calico.conflist"), "{}");
        Step reset = ClusterSteps.reset(course, course.workers().get(0));
        assertEquals(1, node.run(reset.check(), "").exitCode(), "leftovers: not clean");

        ClusterStepsFakeNode.Run run = node.run(reset.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        assertEquals("reset -f --cri-socket unix:///var/run/containerd/containerd.sock\n", node.logged("kubeadm.args"));
        assertEquals("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n",
                node.logged("iptables.restored"));
        assertFalse(Files.exists(node.path("/root/.kube/config")), "a copy of this cluster's admin.conf goes");
        assertFalse(Files.exists(node.path("/etc/cni/net.d/10-calico.conflist")));
        assertEquals(0, node.run(reset.check(), "").exitCode(), "clean after");
    }
}
