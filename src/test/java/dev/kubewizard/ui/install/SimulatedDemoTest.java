package dev.kubewizard.ui.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.ClusterNodes;
import dev.kubewizard.kubeconfig.KubeconfigFiles;
import dev.kubewizard.kubeconfig.WrittenFile;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.sim.SimOptions;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.finish.FinishModel;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demo mode's install without the FX thread: the course plan on simulated Ubuntu nodes through the real SSH code and
 * the real scripts, then the kubeconfig from the simulated first master and the nodes of the simulated cluster.
 */
class SimulatedDemoTest {
    @TempDir
    Path dir;

    private final BackgroundWork work = new BackgroundWork("test", 2, Runnable::run);
    private InstallModel install;

    @AfterEach
    void close() {
        if (install != null) {
            install.close();
        }
        work.close();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what + "; status " + install.status() + ", "
                        + install.problemProperty().get() + ", " + install.notices());
            }
            install.tick();
            Thread.sleep(10);
        }
    }

    @Test
    void theCoursePlanInstallsOnSimulatedNodesAndItsKubeconfigReachesTheSimulatedCluster() throws Exception {
        AppFolders folders = AppFolders.of(Map.of(), "Linux", dir.toString(), dir.resolve("logs").toString());
        SimulatedMachineSource source = new SimulatedMachineSource(folders, SimOptions.instant());
        PlanDraft draft = new PlanDraft();
        draft.load(PlanYaml.courseExample(), null);
        RunSecrets secrets = new RunSecrets();
        secrets.sshPasswordProperty().set(source.passwords().ssh());
        secrets.harborPasswordProperty().set(source.passwords().harbor());
        install = new InstallModel(draft, secrets, new UiText(Language.EN), work, () -> source);
        install.start();
        await(() -> !install.busyProperty().get() && install.status() != InstallModel.Status.READY, "the install");
        assertEquals(InstallModel.Status.SUCCEEDED, install.status(), install.notices().toString());
        assertTrue(install.sessionProperty().get().simulated());
        assertTrue(install.sessionProperty().get().orchestrator().logFolder().orElseThrow()
                .startsWith(dir.resolve("demo-runs")), "demo logs apart from real runs");

        Path kubeconfig = dir.resolve(".kube").resolve("config");
        FinishModel finish = new FinishModel(install.sessionProperty(), work, () -> kubeconfig,
                Clock.systemDefaultZone());
        finish.refresh();
        await(() -> !finish.loadingProperty().get(), "the finish page's reading");
        assertNotNull(finish.kubeconfigProperty().get(), String.valueOf(finish.kubeconfigProblemProperty().get()));
        assertEquals("https://192.168.1.100:6443", finish.server());
        assertEquals(5, finish.nodes().size(), String.valueOf(finish.nodesProblemProperty().get()));
        assertTrue(finish.nodes().stream().allMatch(ClusterNodes.NodeStatus::ready));
        assertTrue(finish.allReady());
        WrittenFile w = finish.exportToDefault().orElseThrow();
        assertEquals(WrittenFile.Outcome.CREATED, w.outcome());
        String text = KubeconfigFiles.read(kubeconfig);
        assertTrue(text.contains("server: https://192.168.1.100:6443"), text);
        assertFalse(text.contains("kubernetes-super-admin"));
        assertTrue(Files.isDirectory(finish.logFolder().orElseThrow()));
    }

    @Test
    void aKubeconfigForAnotherEndpointIsNotAnsweredByTheSimulatedCluster() throws Exception {
        AppFolders folders = AppFolders.of(Map.of(), "Linux", dir.toString(), dir.resolve("logs").toString());
        SimulatedMachineSource source = new SimulatedMachineSource(folders, SimOptions.instant());
        var plan = PlanYaml.courseExample();
        try (var machines = source.open(plan, source.passwords(), source.passwords().masker(plan), o -> true)) {
            String other = """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: c, cluster: {server: "https://10.1.2.3:6443"}}]
                    contexts: [{name: c, context: {cluster: c, user: u}}]
                    current-context: c
                    users: [{name: u, user: {token: t}}]
                    """;
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> machines.nodes().read(other));
            assertTrue(e.getMessage().contains("https://10.1.2.3:6443"), e.getMessage());
        }
    }
}
