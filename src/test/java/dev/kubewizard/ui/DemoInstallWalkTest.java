package dev.kubewizard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.kubeconfig.KubeconfigFiles;
import dev.kubewizard.sim.SimOptions;
import dev.kubewizard.ui.install.SimulatedMachineSource;
import java.util.Map;
import dev.kubewizard.run.FakeNodes;
import dev.kubewizard.ui.install.DemoMachines;
import dev.kubewizard.ui.install.FakeMachineSource;
import dev.kubewizard.ui.install.InstallModel;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Demo mode walked as a newcomer would, headless: the demo choice, Next through every page, Start install, Finish,
 * Export kubeconfig, on the simulated nodes (at full speed) through the real SSH code and the real scripts.
 */
@ExtendWith(ApplicationExtension.class)
class DemoInstallWalkTest {
    private static final String OLD_CONFIG = """
            apiVersion: v1
            clusters:
            - cluster: {server: "https://10.9.8.7:6443"}
              name: lab-old
            contexts:
            - context: {cluster: lab-old, user: lab-old}
              name: lab-old
            current-context: lab-old
            kind: Config
            users:
            - name: lab-old
              user: {token: abc}
            """;

    private WizardWindow window;
    private Path home;
    private Path kubeconfig;
    private FakeMachineSource real;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("kubewizard-demo-walk");
        kubeconfig = home.resolve(".kube").resolve("config");
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, OLD_CONFIG, StandardCharsets.UTF_8);
        real = new FakeMachineSource(new FakeNodes(0), home.resolve("real-runs"), false, true);
        AppFolders folders = AppFolders.of(Map.of(), "Linux", home.toString(), home.resolve("logs").toString());
        SimulatedMachineSource simulated = new SimulatedMachineSource(folders, SimOptions.instant());
        InstallBackends backends = new InstallBackends(real,
                Optional.of(new DemoMachines(simulated, simulated.passwords())), () -> kubeconfig);
        Theme.apply(false);
        window = new WizardWindow(Settings.load(home.resolve("settings.properties")), new UiText(Language.ZH),
                Platform::runLater, backends);
        DesktopApp.show(stage, window);
    }

    @Test
    void aNewcomerReachesFinishInDemoModeAndExportsAMergedKubeconfig(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#demo-banner").query().isVisible(), "no banner before demo mode");
        robot.clickOn("#welcome-demo");
        assertTrue(robot.lookup("#demo-banner").query().isVisible(), "演示 on every page");
        for (int i = 0; i < 6; i++) {
            robot.clickOn("#wizard-next");
            assertTrue(robot.lookup("#demo-banner").query().isVisible());
        }
        assertEquals(WizardWindow.INSTALL, window.wizard().current().id());
        assertTrue(robot.lookup("#wizard-next").queryButton().isDisabled(), "Next waits for the install");

        robot.clickOn("#install-start");
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS,
                () -> window.install().status() == InstallModel.Status.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(real.fakeNodes().executions().isEmpty(), "demo mode never touches the real machines");
        assertEquals(6, robot.lookup("#install-consoles").queryAs(javafx.scene.control.TabPane.class).getTabs()
                .size(), "one console per machine");
        StyleClassedTextArea console = robot.lookup("#console-k8s-master1").queryAs(StyleClassedTextArea.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> console.getText().contains("── "));
        assertTrue(console.getText().contains("initialized successfully"), "the console shows kubeadm's output");
        Labeled cell = robot.lookup("#cell-k8s-master1-init").queryLabeled();
        assertTrue(cell.getStyleClass().contains("cell-done"), cell.getStyleClass().toString());

        robot.clickOn("#install-to-finish");
        assertEquals(WizardWindow.FINISH, window.wizard().current().id());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.finish().nodesReadProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, robot.lookup("#finish-nodes").queryTableView().getItems().size());
        assertTrue(robot.lookup("#finish-verdict").queryLabeled().getText().contains("5"));

        robot.clickOn("#finish-export");
        WaitForAsyncUtils.waitForFxEvents();
        String merged = KubeconfigFiles.read(kubeconfig);
        assertTrue(merged.contains("server: https://192.168.1.100:6443"), merged);
        assertTrue(merged.contains("name: lab-old"), "the teacher's other cluster is kept");
        assertTrue(merged.contains("current-context: k8s-class"));
        try (var files = Files.list(kubeconfig.getParent())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("config.kubewizard-")
                    && f.getFileName().toString().endsWith(".bak")), "the old file is backed up");
        }
        assertTrue(robot.lookup("#finish-message").queryLabeled().getText().contains(kubeconfig.toString()));
        assertTrue(robot.lookup("#finish-commands").queryTextInputControl().getText()
                .contains("kubectl get nodes -o wide"));
    }
}
