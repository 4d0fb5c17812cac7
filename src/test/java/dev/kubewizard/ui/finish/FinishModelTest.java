package dev.kubewizard.ui.finish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.kubeconfig.KubeconfigFiles;
import dev.kubewizard.kubeconfig.WrittenFile;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.run.FakeNodes;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.install.FakeMachineSource;
import dev.kubewizard.ui.install.InstallModel;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Finish page's model after a finished install on fake machines: kubeconfig, nodes, export, bundle. */
class FinishModelTest {
    private static final String LAPTOP_CONFIG = """
            apiVersion: v1
            clusters:
            - cluster:
                server: https://10.9.8.7:6443
              name: lab-old
            contexts:
            - context:
                cluster: lab-old
                user: lab-old-admin
              name: lab-old
            current-context: lab-old
            kind: Config
            preferences: {}
            users:
            - name: lab-old-admin
              user:
                token: abc
            """;

    @TempDir
    Path dir;

    private final BackgroundWork work = new BackgroundWork("test", 2, Runnable::run);
    private InstallModel install;
    private FinishModel finish;
    private Path kubeconfig;

    @BeforeEach
    void installTheCourseCluster() throws Exception {
        PlanDraft draft = new PlanDraft();
        draft.load(PlanYaml.courseExample(), null);
        RunSecrets secrets = new RunSecrets();
        secrets.harborPasswordProperty().set(FakeMachineSource.HARBOR_PASSWORD);
        FakeMachineSource source = new FakeMachineSource(new FakeNodes(0), dir.resolve("runs"), false, false);
        install = new InstallModel(draft, secrets, new UiText(Language.EN), work, () -> source);
        kubeconfig = dir.resolve("home").resolve(".kube").resolve("config");
        finish = new FinishModel(install.sessionProperty(), work, () -> kubeconfig,
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
        install.start();
        await(() -> install.status() == InstallModel.Status.SUCCEEDED, "the install");
    }

    @AfterEach
    void close() {
        install.close();
        work.close();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            install.tick();
            Thread.sleep(5);
        }
    }

    private void refresh() throws InterruptedException {
        finish.refresh();
        await(() -> !finish.loadingProperty().get(), "the cluster to be read");
    }

    @Test
    void theKubeconfigTalksToTheVipAndTheNodesAreReadWithIt() throws Exception {
        assertFalse(finish.validProperty().get());
        refresh();
        assertNotNull(finish.kubeconfigProperty().get(), String.valueOf(finish.kubeconfigProblemProperty().get()));
        assertEquals("https://192.168.1.100:6443", finish.server());
        assertEquals("k8s-class", finish.kubeconfigProperty().get().access().contextName());
        assertEquals(5, finish.nodes().size());
        assertTrue(finish.allReady());
        assertTrue(finish.validProperty().get());
    }

    @Test
    void exportMergesIntoTheDefaultFileAndKeepsTheOldOneAsABackup() throws Exception {
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, LAPTOP_CONFIG, StandardCharsets.UTF_8);
        refresh();
        WrittenFile w = finish.exportToDefault().orElseThrow();
        assertEquals(WrittenFile.Outcome.REPLACED, w.outcome());
        String merged = KubeconfigFiles.read(kubeconfig);
        assertTrue(merged.contains("server: https://192.168.1.100:6443"), merged);
        assertTrue(merged.contains("name: lab-old"), "the other cluster stays: " + merged);
        assertTrue(merged.contains("current-context: k8s-class"), merged);
        Path backup = w.backup().orElseThrow();
        assertEquals("config.kubewizard-20260301-100000.bak", backup.getFileName().toString());
        assertEquals(LAPTOP_CONFIG, Files.readString(backup, StandardCharsets.UTF_8));
        assertTrue(finish.messageProperty().get().en().contains(backup.toString()));

        assertEquals(WrittenFile.Outcome.UNCHANGED, finish.exportToDefault().orElseThrow().outcome(),
                "a second export changes nothing and makes no second backup");
        try (var files = Files.list(kubeconfig.getParent())) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void saveAsWritesAFileOfItsOwnAndThePowerShellCommandsPointAtIt() throws Exception {
        refresh();
        assertFalse(finish.kubectlCommands("en").contains("$env:KUBECONFIG"), "nothing exported yet");
        Path own = dir.resolve("class").resolve("k8s-class.kubeconfig");
        assertEquals(WrittenFile.Outcome.CREATED, finish.saveAs(own).orElseThrow().outcome());
        String text = KubeconfigFiles.read(own);
        assertTrue(text.contains("server: https://192.168.1.100:6443"));
        assertFalse(text.contains("lab-old"));
        String commands = finish.kubectlCommands("en");
        assertTrue(commands.contains("$env:KUBECONFIG = \"" + own + "\""), commands);
        assertTrue(commands.contains("kubectl config use-context k8s-class"), commands);
        assertTrue(commands.contains("kubectl get nodes -o wide"), commands);
        finish.exportToDefault();
        assertFalse(finish.kubectlCommands("zh").contains("$env:KUBECONFIG"), "the default file needs no variable");
        assertTrue(finish.kubectlCommands("zh").contains("# 查看集群"));
    }

    @Test
    void theSupportBundleHoldsTheSummaryLogsAndScriptsWithoutThePassword() throws Exception {
        Path zip = dir.resolve("bundle.zip");
        assertTrue(finish.saveSupportBundle(zip));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("summary.txt"), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("logs/")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("scripts/")), names.toString());
            for (var e : z.stream().toList()) {
                String content = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                assertFalse(content.contains(FakeMachineSource.HARBOR_PASSWORD), e.getName());
            }
        }
        assertTrue(finish.logFolder().isPresent());
        assertTrue(Files.isDirectory(finish.logFolder().get()));
    }
}
