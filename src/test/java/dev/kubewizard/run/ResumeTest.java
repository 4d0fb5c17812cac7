package dev.kubewizard.run;

import static dev.kubewizard.run.TestRuns.M1;
import static dev.kubewizard.run.TestRuns.N1;
import static dev.kubewizard.run.TestRuns.N2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A restarted app (a new orchestrator on the same folder) resumes where the last one stopped. */
@Timeout(30)
class ResumeTest {
    @TempDir
    Path dir;

    private final Recipe recipe = TestRuns.courseRecipe();

    private RunSettings settings() {
        return TestRuns.settings().withFolder(RunFolder.besidePlan(dir.resolve("course.yaml")));
    }

    @Test
    void aRestartedRunSkipsTheStepsThatFinishedAndRunsTheRest() throws Exception {
        FakeNodes first = new FakeNodes(1);
        first.on(N1, "kubeadm-join").fails(1, "[ERROR Port-10250]: Port 10250 is in use");
        try (Orchestrator run = new Orchestrator(recipe, first, settings())) {
            assertEquals(List.of(N1), run.run().failedHosts());
        }

        FakeNodes second = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, second, settings())) {
            RunResult result = run.run();
            assertTrue(result.succeeded(), () -> result.failures().toString());
            List<StepKey> ran = second.executions().stream().map(FakeNodes.Execution::key).toList();
            List<StepKey> expected = recipe.steps().stream()
                    .filter(s -> s.phase() == Phase.PREFLIGHT || s.host().equals(N1) && s.id().equals("kubeadm-join")
                            || s.id().equals("join-data-k8s-node1") || s.phase().compareTo(Phase.CNI) >= 0)
                    .map(StepKey::of).toList();
            assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(ran));
            assertEquals(ran.size(), expected.size(), "each once");
            assertTrue(run.steps().stream().filter(StepStatus::fromJournal).anyMatch(s -> s.key()
                    .equals(new StepKey(N2, "kubeadm-join"))));
        }

        FakeNodes third = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, third, settings())) {
            assertTrue(run.run().succeeded());
            assertTrue(third.executions().stream().allMatch(e -> recipe.steps().stream()
                    .anyMatch(s -> StepKey.of(s).equals(e.key()) && s.phase() == Phase.PREFLIGHT)),
                    "after a complete run only preflight runs again: " + third.executions());
        }
    }

    @Test
    void aStepWhoseScriptChangedRunsAgainWithWhatBuildsOnIt() throws Exception {
        try (Orchestrator run = new Orchestrator(recipe, new FakeNodes(1), settings())) {
            assertTrue(run.run().succeeded());
        }
        String yaml = PlanYaml.toYaml(TestRuns.coursePlan()).replace("ntp.tencent.com", "ntp.example.edu.cn");
        Recipe changed = InstallRecipe.build(PlanYaml.parse(yaml, "changed"), RecipeInputs.none());
        FakeNodes again = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(changed, again, settings())) {
            assertTrue(run.run().succeeded());
        }
        again.only(N2, "time-sync");
        again.only(N2, "containerd");
        assertTrue(again.executionsOf(N2, "swap").isEmpty(), "what came before the change stays done");
    }

    @Test
    void theJournalIsUtf8JsonWithNonSecretOutputsOnlyAndNoTemporaryFilesLeft() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, nodes, settings())) {
            assertTrue(run.run().succeeded());
        }
        Path journal = RunFolder.besidePlan(dir.resolve("course.yaml")).journal();
        assertEquals(dir.resolve(".kubewizard/course/journal.json"), journal);
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        JsonNode root = new ObjectMapper().readTree(text);
        assertEquals(RunJournal.FORMAT, root.path("format").asInt());
        int nonPreflight = (int) recipe.steps().stream().filter(s -> s.phase() != Phase.PREFLIGHT).count();
        assertEquals(recipe.steps().size(), root.path("steps").size(), "preflight is recorded, though it always runs");
        assertTrue(nonPreflight < recipe.steps().size());
        JsonNode joinData = null;
        for (JsonNode s : root.path("steps")) {
            if (s.path("step").asText().equals("join-data-k8s-master2")) {
                joinData = s;
            }
        }
        assertEquals(List.of("KW_CA_CERT_HASH"), names(joinData.path("outputs").fieldNames()));
        assertFalse(text.contains(FakeNodes.tokenFor(TestRuns.M2)));
        assertFalse(text.contains(FakeNodes.certificateKeyFor(TestRuns.M2)));
        try (var files = Files.list(journal.getParent())) {
            assertEquals(List.of("journal.json", "logs"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anUnreadableJournalIsKeptAsideAndTheRunStartsAfresh() throws Exception {
        Path journal = RunFolder.besidePlan(dir.resolve("course.yaml")).journal();
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "{ not json", StandardCharsets.UTF_8);
        FakeNodes nodes = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, nodes, settings())) {
            assertTrue(run.run().succeeded());
        }
        assertEquals(recipe.steps().size(), nodes.executions().size());
        assertEquals("{ not json", Files.readString(journal.resolveSibling("journal.json.unreadable")));
    }

    @Test
    void aResetNodeIsForgottenByTheJournalSoARestartRunsItsJoinAgain() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, nodes, settings())) {
            assertTrue(run.run().succeeded());
            assertEquals(StepResult.Outcome.DONE, run.reset(N2).get(10, TimeUnit.SECONDS).outcome());
        }
        FakeNodes after = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, after, settings())) {
            assertTrue(run.run().succeeded());
        }
        after.only(N2, "kubeadm-join");
        after.only(M1, "join-data-k8s-node2");
        after.only(M1, "verify-cluster");
        assertTrue(after.executionsOf(N1, "kubeadm-join").isEmpty());
        assertTrue(after.executionsOf(N2, "containerd").isEmpty());
    }

    @Test
    void withoutResumeEveryStepRunsAgainAndTheJournalStartsAfresh() throws Exception {
        try (Orchestrator run = new Orchestrator(recipe, new FakeNodes(1), settings())) {
            assertTrue(run.run().succeeded());
        }
        FakeNodes again = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, again, settings().withResume(false))) {
            assertTrue(run.run().succeeded());
        }
        assertEquals(recipe.steps().size(), again.executions().size());
    }

    @Test
    void onlyOneMachineRunsAfterARestartWhenAskedTo() throws Exception {
        FakeNodes first = new FakeNodes(1);
        first.on(N1, "kubeadm-join").fails(1, "[ERROR Port-10250]: Port 10250 is in use");
        first.on(N2, "kubeadm-join").fails(1, "[ERROR Port-10250]: Port 10250 is in use");
        try (Orchestrator run = new Orchestrator(recipe, first, settings())) {
            assertEquals(List.of(N1, N2), run.run().failedHosts());
        }
        FakeNodes second = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, second, settings())) {
            RunResult result = run.await(run.start(java.util.Set.of(N1)));
            assertEquals(RunResult.Outcome.FAILED, result.outcome(), "node2 and the cluster phases are still to do");
            assertTrue(result.failures().isEmpty());
            assertEquals(StepState.PENDING, run.stepState(new StepKey(N2, "kubeadm-join")));
        }
        List<StepKey> ran = second.executions().stream().map(FakeNodes.Execution::key)
                .filter(k -> !k.stepId().equals("preflight")).toList();
        assertEquals(List.of(new StepKey(M1, "join-data-k8s-node1"), new StepKey(N1, "kubeadm-join")), ran);
    }

    @Test
    void aResetInAFreshProcessMakesTheNextRunJoinAgain() throws Exception {
        try (Orchestrator run = new Orchestrator(recipe, new FakeNodes(1), settings())) {
            assertTrue(run.run().succeeded());
        }
        try (Orchestrator run = new Orchestrator(recipe, new FakeNodes(1), settings())) {
            assertEquals(StepResult.Outcome.DONE, run.reset(N1).get(10, TimeUnit.SECONDS).outcome());
        }
        FakeNodes after = new FakeNodes(1);
        try (Orchestrator run = new Orchestrator(recipe, after, settings())) {
            assertTrue(run.run().succeeded());
        }
        after.only(N1, "kubeadm-join");
        after.only(M1, "join-data-k8s-node1");
        assertTrue(after.executionsOf(N2, "kubeadm-join").isEmpty());
    }

    private static <T> List<T> names(java.util.Iterator<T> it) {
        List<T> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    @Test
    void journalEntriesRefuseStatesOtherThanFinished() {
        Step any = recipe.steps().get(1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new RunJournal.Entry(
                StepKey.of(any), StepState.FAILED, java.time.Instant.now(), "x", java.util.Map.of()));
    }
}
