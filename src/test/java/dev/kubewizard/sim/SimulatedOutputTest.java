package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.kubeconfig.ExportedKubeconfig;
import dev.kubewizard.kubeconfig.KubeconfigExport;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.ssh.JschRemoteShell;
import dev.kubewizard.ssh.OutputLine;
import dev.kubewizard.ssh.SshException;
import dev.kubewizard.ssh.StepResult;
import dev.kubewizard.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the simulated nodes print and hand out: the project's own texts, the shared captures, admin.conf. */
class SimulatedOutputTest {
    @TempDir
    Path tmp;

    /** Runs the master/worker/LB steps up to and including {@code host/id}, keeping every step's lines. */
    private static Map<String, SimHarness.Lines> runThrough(SimHarness h, String host, String id) throws Exception {
        Map<String, SimHarness.Lines> all = new LinkedHashMap<>();
        for (Step s : SimulatedStepsTest.masterWorkerAndLb(h)) {
            SimHarness.Lines lines = new SimHarness.Lines();
            StepResult r = h.run(s, lines);
            assertTrue(r.isDone(), s.host() + "/" + s.id() + ": " + r.lastLines());
            all.put(s.host() + "/" + s.id(), lines);
            if (s.host().equals(host) && s.id().equals(id)) {
                break;
            }
        }
        return all;
    }

    private static List<String> texts(SimHarness.Lines lines) {
        return lines.lines.stream().map(OutputLine::text).toList();
    }

    @Test
    void withoutTheSharedCapturesKubeadmInitPrintsTheProjectsOwnTextForThePlanWithTheSecretsWithheld()
            throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            Map<String, SimHarness.Lines> runs = runThrough(h, "k8s-master1", "join-data-k8s-node1");
            List<String> init = texts(runs.get("k8s-master1/kubeadm-init"));
            assertTrue(init.contains("[init] Using Kubernetes version: v1.34.2"));
            assertTrue(init.contains(
                    "[control-plane-check] Checking kube-apiserver at https://192.168.1.101:6443/livez"));
            assertTrue(init.contains("  kubeadm join k8s-api.cluster.local:6443 --token <value withheld> \\"));
            String hash = h.values.get("KW_CA_CERT_HASH");
            assertTrue(init.contains("\t--discovery-token-ca-cert-hash " + hash), "the cluster's own CA hash");
            assertFalse(String.join("\n", init).contains(h.values.get("KW_JOIN_TOKEN")));
            assertEquals("kubeadm's output is kept in /root/kubeadm-init.txt", init.get(init.size() - 1));
        }
    }

    @Test
    void withTheSharedCapturesKubeadmInitPrintsTheRealCaptureAdaptedToThePlan() throws Exception {
        Path fixtures = Tools.sharedFixture("kubeadm-init-output.txt").getParent();
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant().fixtures(fixtures), tmp)) {
            Map<String, SimHarness.Lines> runs = runThrough(h, "k8s-master1", "join-data-k8s-node1");
            String init = String.join("\n", texts(runs.get("k8s-master1/kubeadm-init")));
            assertTrue(init.contains("[api-check] The API server is healthy after 9.030595455s"), "the capture's");
            assertTrue(init.contains("[init] Using Kubernetes version: v1.34.2"));
            assertTrue(init.contains("DNS names [k8s-master1 k8s-api.cluster.local kubernetes"));
            assertTrue(init.contains("kubeadm join k8s-api.cluster.local:6443 --token <value withheld>"));
            assertTrue(init.contains("--discovery-token-ca-cert-hash " + h.values.get("KW_CA_CERT_HASH")));
            for (String foreign : List.of("apex-master", "vezpi", "192.168.66.167", "8etamd", "7061400946",
                    "65c4da3121", "remote version is much newer", "Using certificate key")) {
                assertFalse(init.contains(foreign), foreign);
            }
            String packages = String.join("\n", texts(runs.get("k8s-node1/kubernetes-packages")));
            assertTrue(packages.contains("Unpacking kubeadm (1.34.2-1.1) ..."), "the apt capture, for 1.34");
            assertTrue(packages.contains("https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb  InRelease"));
            assertFalse(packages.contains("dell@") || packages.contains("nvidia") || packages.contains("1.31."));
        }
    }

    @Test
    void applyingTheRealCalicoManifestListsItsThirtyOneObjectsAsServerSideApplied() throws Exception {
        String manifest = Tools.readShared("calico-v3.28.2.yaml");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            Recipe recipe = InstallRecipe.build(h.plan, RecipeInputs.withCalicoManifest(manifest));
            List<Step> steps = recipe.steps().stream().filter(s -> s.phase() != Phase.HARBOR
                    && s.phase() != Phase.VERIFY).toList();
            List<StepResult> results = h.runAll(steps.subList(0, steps.size() - 1));
            assertTrue(results.stream().allMatch(StepResult::isDone));
            SimHarness.Lines lines = new SimHarness.Lines();
            StepResult calico = h.run(steps.get(steps.size() - 1), lines);
            assertEquals("calico", calico.stepId());
            assertEquals(StepResult.Outcome.DONE, calico.outcome());
            List<String> applied = texts(lines).stream().filter(l -> l.endsWith(" serverside-applied"))
                    .map(l -> l.substring(0, l.length() - " serverside-applied".length())).toList();
            assertEquals(31, applied.size());
            List<String> captured = new ArrayList<>();
            Tools.readShared("kubectl-apply-calico-v3.28.0-output.txt").lines()
                    .forEach(l -> captured.add(l.replace(" created", "")));
            assertEquals(captured, applied, "the same objects in the same order as kubectl listed them");
        }
    }

    @Test
    void aRecipeWithoutCalicoYamlFailsItsCniStepWithTheScriptsOwnMessage() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            Step placeholder = InstallRecipe.build(h.plan, RecipeInputs.none()).steps().stream()
                    .filter(s -> s.id().equals("calico")).findFirst().orElseThrow();
            runThrough(h, "k8s-master1", "kubectl-config");
            StepResult r = h.run(placeholder);
            assertEquals(StepResult.Outcome.FAILED, r.outcome());
            assertTrue(r.lastLines().get(1).contains("calico.yaml (Calico v3.28.2) has not been read yet"));
        }
    }

    @Test
    void adminConfReadsAsKubeadmWritesItWithPlaceholderCertificatesAndTheEndpoint() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlanAs("kwadmin"), SimOptions.instant(), tmp)) {
            runThrough(h, "k8s-master1", "kubectl-config");
            JschRemoteShell shell = h.shell("k8s-master1");
            SshException denied = assertThrows(SshException.class, () -> shell.download("/etc/kubernetes/admin.conf"));
            assertTrue(denied.getMessage().toLowerCase().contains("permission"), "root's 0600 file, over SFTP");
            String conf = new String(shell.readAsRoot("/etc/kubernetes/admin.conf"), StandardCharsets.UTF_8);
            assertTrue(conf.contains("    server: https://k8s-api.cluster.local:6443\n"), conf);
            assertTrue(conf.contains("current-context: kubernetes-admin@kubernetes"));
            Matcher ca = Pattern.compile("certificate-authority-data: (\\S+)").matcher(conf);
            assertTrue(ca.find());
            String pem = new String(Base64.getDecoder().decode(ca.group(1)), StandardCharsets.UTF_8);
            assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\nPLACEHOLDER"), pem);
            ExportedKubeconfig laptop = KubeconfigExport.export(conf, h.plan, "k8s-master1:/etc/kubernetes/admin.conf");
            assertEquals("https://k8s-api.cluster.local:6443", laptop.adminConfServer());
            assertEquals(conf, new String(shell.download("/home/kwadmin/.kube/config"), StandardCharsets.UTF_8),
                    "the sudo user's kubectl config is theirs to read");
        }
    }

    @Test
    void theDemoPaceInstallsTheCoursePlanInAFewMinutes() {
        SimOptions demo = SimOptions.demo();
        Recipe recipe = InstallRecipe.build(SimHarness.coursePlan(), RecipeInputs.withCalicoManifest(
                SimHarness.resource("calico-small.yaml")));
        // machines work in parallel within the preflight, prep and lb phases; the cluster phases are one by one
        Duration total = Duration.ZERO;
        Phase phase = null;
        Map<String, Duration> perHost = new LinkedHashMap<>();
        for (Step s : recipe.steps()) {
            if (s.phase() != phase) {
                total = total.plus(perHost.values().stream().max(Duration::compareTo).orElse(Duration.ZERO));
                perHost.clear();
                phase = s.phase();
            }
            Duration d = demo.scaled(demo.durations().of(s.phase().id(), s.id()).plus(demo.durations().check()));
            boolean parallel = phase == Phase.PREFLIGHT || phase == Phase.PREP || phase == Phase.LB;
            perHost.merge(parallel ? s.host() : "serial", d, Duration::plus);
        }
        total = total.plus(perHost.values().stream().max(Duration::compareTo).orElse(Duration.ZERO));
        assertTrue(total.compareTo(Duration.ofMinutes(2)) > 0 && total.compareTo(Duration.ofMinutes(5)) < 0,
                "the demo takes " + total);
        assertEquals(Duration.ZERO, SimOptions.instant().scaled(Duration.ofSeconds(20)));
        assertEquals(Duration.ofSeconds(2), SimOptions.demo().speed(10).scaled(Duration.ofSeconds(20)));
    }
}
