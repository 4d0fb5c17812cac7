package dev.kubewizard.ui;

import dev.kubewizard.install.AppFolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard walked as a teacher would, headless (Monocle): the few paths that must never break. */
@ExtendWith(ApplicationExtension.class)
class WizardWalkTest {
    private WizardWindow window;
    private Path settingsFile;

    @Start
    void start(Stage stage) throws Exception {
        settingsFile = Files.createTempDirectory("kubewizard-walk").resolve("settings.properties");
        Theme.apply(false);
        window = new WizardWindow(Settings.load(settingsFile), new UiText(Language.ZH), Platform::runLater);
        DesktopApp.show(stage, window);
    }

    @Test
    void theCourseExampleLeadsPageByPageToTheReviewOfEveryStep(FxRobot robot) {
        robot.clickOn("#welcome-course");
        assertEquals(WizardWindow.NODES, window.wizard().current().id());
        for (int i = 0; i < 5; i++) {
            robot.clickOn("#wizard-next");
        }
        assertEquals(WizardWindow.REVIEW, window.wizard().current().id());
        ListView<?> hosts = robot.lookup("#review-hosts").queryListView();
        assertEquals(6, hosts.getItems().size());
        TextArea script = robot.lookup("#review-script").queryAs(TextArea.class);
        assertTrue(script.getText().startsWith("#!/usr/bin/env bash"), script.getText());
        robot.clickOn("#wizard-next");
        assertEquals(WizardWindow.INSTALL, window.wizard().current().id());
        assertTrue(robot.lookup("#wizard-next").queryButton().isDisabled(), "Finish waits for the install");
        assertFalse(robot.lookup("#wizard-hint").queryLabeled().getText().isEmpty(), "and the footer says why");
        assertFalse(robot.lookup("#install-start").queryButton().isDisabled(), "the install can be started");
    }

    @Test
    void aMistypedAddressBlocksNextUntilTheCellIsCorrected(FxRobot robot) {
        robot.clickOn("#welcome-course");
        Button next = robot.lookup("#wizard-next").queryButton();
        assertFalse(next.isDisabled());

        robot.doubleClickOn(addressCell(robot));
        robot.write("192.168.1.300");
        TextField editor = robot.lookup("#nodes-table .text-field").queryAs(TextField.class);
        assertTrue(editor.getPseudoClassStates().contains(Styles.STATE_DANGER), "marked while it is typed");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(next.isDisabled(), "a bad address blocks Next");
        assertTrue(addressCell(robot).getPseudoClassStates().contains(Styles.STATE_DANGER), "the cell is marked");
        assertTrue(robot.lookup(".problem-list").query().isVisible(), "and the problem is listed");

        editAddress(robot, "192.168.1.102");
        assertFalse(next.isDisabled());
        assertFalse(addressCell(robot).getPseudoClassStates().contains(Styles.STATE_DANGER));
        robot.clickOn(next);
        assertEquals(WizardWindow.NETWORK, window.wizard().current().id());
    }

    @Test
    void switchingTheLanguageRelabelsTheWindowAtOnceAndIsRemembered(FxRobot robot) throws Exception {
        robot.clickOn("#welcome-course");
        Labeled next = robot.lookup("#wizard-next").queryLabeled();
        assertEquals("下一步", next.getText());
        robot.clickOn("#language-en");
        assertEquals("Next", next.getText());
        assertEquals("Nodes", robot.lookup("#step-nodes").queryLabeled().getText());
        assertEquals("IP address", columnTitle(robot));
        assertEquals(Language.EN, Settings.load(settingsFile).language());
        robot.clickOn("#language-zh");
        assertEquals("下一步", next.getText());
        assertEquals("节点", robot.lookup("#step-nodes").queryLabeled().getText());
    }

    @Test
    void anUnexpectedErrorOpensAWindowWithTheDetailsAndTheLogPath(FxRobot robot) throws Exception {
        AppFolders folders = AppFolders.of(java.util.Map.of(), "Linux", "/home/teacher", "/tmp/kw-walk-logs");
        ErrorWindow errors = new ErrorWindow(new UiText(Language.EN), folders);
        Thread worker = new Thread(() -> errors.report("mirror-test", new IllegalStateException("boom from a worker")));
        worker.start();
        worker.join();
        WaitForAsyncUtils.waitForFxEvents();
        TextArea details = robot.lookup("#error-details").queryAs(TextArea.class);
        assertTrue(details.getText().contains("boom from a worker"), details.getText());
        assertTrue(robot.lookup("Log file: /tmp/kw-walk-logs/kubewizard.log").tryQuery().isPresent());
        assertEquals(WizardWindow.WELCOME, window.wizard().current().id(), "the wizard keeps running");
    }

    private static String columnTitle(FxRobot robot) {
        return robot.lookup("#nodes-table").queryTableView().getColumns().get(2).getText();
    }

    private static TableCell<?, ?> addressCell(FxRobot robot) {
        return robot.lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && "nodes-address-column".equals(c.getTableColumn().getId())
                && c.getIndex() == 1).query();
    }

    private static void editAddress(FxRobot robot, String address) {
        robot.doubleClickOn(addressCell(robot));
        robot.write(address);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
