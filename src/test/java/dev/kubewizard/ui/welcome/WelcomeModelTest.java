package dev.kubewizard.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.ui.Settings;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WelcomeModelTest {
    @TempDir
    Path dir;

    private final PlanDraft draft = new PlanDraft();
    private final RunSecrets secrets = new RunSecrets();

    private WelcomeModel model() {
        return new WelcomeModel(draft, secrets, Settings.load(dir.resolve("settings.properties")));
    }

    @Test
    void theFirstPageIsCompleteOnceAPlanIsLoaded() {
        WelcomeModel model = model();
        assertFalse(model.validProperty().get());
        model.loadCourseExample();
        assertTrue(model.validProperty().get());
        assertEquals("k8s-class", draft.clusterNameProperty().get());
        assertFalse(draft.check().hasErrors());
    }

    @Test
    void theCoursePlanReadAheadInTheBackgroundIsTheOneTheDemoAndTheCourseLoad() throws Exception {
        WelcomeModel model = model();
        List<Thread> readers = new ArrayList<>();
        model.readCourseAhead(task -> {
            Thread t = new Thread(task, "read-ahead");
            readers.add(t);
            t.start();
        });
        readers.get(0).join();
        assertTrue(model.courseRead(), "read on the background thread, before any click");
        model.loadCourseExample();
        assertEquals(PlanYaml.courseExample(), draft.toPlan());
        model.newPlan();
        assertTrue(draft.nodes().isEmpty());
        model.loadCourseExample();
        assertEquals(PlanYaml.courseExample(), draft.toPlan(), "the shared plan was not changed by the loads");
    }

    @Test
    void withoutTheReadAheadTheCoursePlanIsReadWhenFirstNeeded() {
        WelcomeModel model = model();
        model.readCourseAhead(task -> { });  // a background that never gets to it
        assertFalse(model.courseRead());
        model.loadCourseExample();
        assertTrue(model.courseRead());
        assertEquals("k8s-class", draft.clusterNameProperty().get());
    }

    @Test
    void aNewPlanKeepsTheCourseSettingsAndAsksForTheMachines() {
        WelcomeModel model = model();
        model.newPlan();
        assertTrue(draft.nodes().isEmpty());
        assertEquals("https://mirrors.aliyun.com/ubuntu", draft.ubuntuMirrorProperty().get());
        assertFalse(draft.check().at("nodes").isEmpty(), "an empty node list is reported");
        assertFalse(draft.completeUnder("nodes").get());
        assertTrue(draft.completeUnder("mirrors").get());
    }

    @Test
    void anOpenedPlanIsRememberedForTheNextStart() throws Exception {
        Path plan = dir.resolve("我的计划.yaml");
        PlanYaml.write(PlanYaml.courseExample(), plan);
        WelcomeModel model = model();
        assertTrue(model.open(plan));
        assertEquals(plan, draft.planFileProperty().get());
        assertNull(model.loadErrorProperty().get());

        WelcomeModel nextStart = new WelcomeModel(new PlanDraft(), new RunSecrets(),
                Settings.load(dir.resolve("settings.properties")));
        assertEquals(plan.toAbsolutePath(), nextStart.lastPlanProperty().get());
        assertTrue(nextStart.openLast());
    }

    @Test
    void aBrokenPlanFileSaysWhereAndLeavesTheCurrentPlanAlone() throws Exception {
        WelcomeModel model = model();
        model.loadCourseExample();
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: kubewizard/v1\nnodes:\n  - {hostname: a, adress: 10.0.0.1}\n",
                StandardCharsets.UTF_8);
        assertFalse(model.open(broken));
        assertNotNull(model.loadErrorProperty().get());
        assertTrue(model.loadErrorProperty().get().en().contains("nodes[0].adress"),
                model.loadErrorProperty().get().en());
        assertTrue(model.loadErrorProperty().get().zh().contains("broken.yaml:3"));
        assertEquals("k8s-class", draft.clusterNameProperty().get(), "the loaded plan is kept");
    }

    @Test
    void aMissingFileIsAMessageNotACrash() {
        WelcomeModel model = model();
        assertFalse(model.open(dir.resolve("nope.yaml")));
        assertNotNull(model.loadErrorProperty().get());
    }

    @Test
    void loadingAnotherPlanForgetsThePasswordsOfTheLastOne() {
        WelcomeModel model = model();
        secrets.sshPasswordProperty().set("secret");
        model.loadCourseExample();
        assertEquals("", secrets.sshPasswordProperty().get());
    }

    @Test
    void demoModeWaitsForTheInstallEngine() {
        assertFalse(model().demoAvailable());
    }

    @Test
    void demoModeLoadsTheCoursePlanWithTheSimulatedMachinesPasswordsAndSaysSoUntilAnotherPlanIsLoaded() {
        WelcomeModel model = new WelcomeModel(draft, secrets, Settings.load(dir.resolve("settings.properties")),
                new dev.kubewizard.install.InstallPasswords("sim-pass", null, "harbor-pass"));
        assertTrue(model.demoAvailable());
        model.startDemo();
        assertTrue(model.demoProperty().get());
        assertTrue(model.validProperty().get());
        assertEquals("k8s-class", draft.clusterNameProperty().get());
        assertEquals("sim-pass", secrets.sshPasswordProperty().get());
        assertEquals("harbor-pass", secrets.harborPasswordProperty().get());
        model.newPlan();
        assertFalse(model.demoProperty().get(), "a plan of one's own is never a demo");
        assertEquals("", secrets.sshPasswordProperty().get());
    }

    @Test
    void withoutSimulatedMachinesThereIsNoDemo() {
        WelcomeModel model = model();
        assertFalse(model.demoAvailable());
        model.startDemo();
        assertFalse(model.demoProperty().get());
        assertFalse(draft.loadedProperty().get());
    }
}
