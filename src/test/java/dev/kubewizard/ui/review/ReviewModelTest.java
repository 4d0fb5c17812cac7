package dev.kubewizard.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewModelTest {
    @TempDir
    Path dir;

    private final PlanDraft draft = new PlanDraft();
    private final List<Path> remembered = new ArrayList<>();
    private final ReviewModel model = new ReviewModel(draft, remembered::add);

    @Test
    void everyMachineShowsTheStepsThatWillRunOnIt() {
        draft.load(PlanYaml.courseExample(), null);
        model.refresh();
        assertNull(model.recipeProblemProperty().get());
        assertEquals(List.of("k8s-master1", "k8s-master2", "k8s-master3", "k8s-node1", "k8s-node2", "k8s-lb"),
                model.hosts().stream().map(h -> h.hostname()).toList());
        List<Step> master = model.steps("k8s-master1");
        assertEquals("preflight", master.get(0).id());
        assertTrue(master.stream().anyMatch(s -> s.script().contains("kubeadm init")));
        assertTrue(model.validProperty().get());
    }

    @Test
    void aPlanWithErrorsShowsWhyThereAreNoSteps() {
        draft.load(PlanYaml.courseExample(), null);
        draft.podSubnetProperty().set("10.244.0.0/33");
        model.refresh();
        assertNull(model.recipeProperty().get());
        assertTrue(model.recipeProblemProperty().get().en().contains("1 error"),
                model.recipeProblemProperty().get().en());
        assertFalse(model.validProperty().get());
        assertEquals(1, model.errorsProperty().get().size());
    }

    @Test
    void theSavedPlanReadsBackAndHoldsNoPassword() throws Exception {
        draft.load(PlanYaml.courseExample(), null);
        RunSecrets secrets = new RunSecrets();
        secrets.sshPasswordProperty().set("ssh-Secret-1");
        secrets.harborPasswordProperty().set("harbor-Secret-2");
        draft.nodes().get(0).hostnameProperty().set("k8s-master1");
        Path file = dir.resolve("课程.yaml");
        model.savePlan(file);
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(saved.contains("Secret-"));
        assertEquals(draft.toPlan(), PlanYaml.read(file));
        assertEquals(file, draft.planFileProperty().get());
        assertEquals(List.of(file), remembered);
    }

    @Test
    void exportedScriptsAreTheRecipeOnDisk() throws Exception {
        draft.load(PlanYaml.courseExample(), null);
        Path out = dir.resolve("scripts");
        var summary = model.exportScripts(out);
        assertTrue(summary.scripts() > 50, "scripts: " + summary.scripts());
        assertTrue(Files.isRegularFile(out.resolve("order.tsv")));
        assertTrue(Files.isRegularFile(out.resolve("k8s-master1/01-preflight.sh")));
        try (Stream<Path> files = Files.list(out.resolve("k8s-lb"))) {
            assertTrue(files.count() > 2);
        }
    }

    @Test
    void exportingAPlanWithErrorsWritesNothing() {
        draft.load(PlanYaml.courseExample(), null);
        draft.vipProperty().set("");
        Path out = dir.resolve("nothing");
        assertThrows(IOException.class, () -> model.exportScripts(out));
        assertFalse(Files.exists(out));
        assertNotNull(model.recipeProblemProperty().get());
    }
}
