package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Severity;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.ssh.StepResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole course plan installed onto simulated nodes through the real SSH layer. */
class SimulatedInstallTest {
    @TempDir
    Path tmp;

    @Test
    void theWholeCoursePlanInstallsAndASecondPassSkipsEveryStepThatHasACheck() throws Exception {
        long started = System.nanoTime();
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            List<Step> steps = h.recipe().steps();
            List<StepResult> first = h.runAll(steps);
            for (StepResult r : first) {
                assertEquals(StepResult.Outcome.DONE, r.outcome(), r.host() + "/" + r.stepId() + ": " + r.lastLines());
            }
            assertEquals(steps.size(), first.size());
            List<StepResult> second = h.runAll(steps);
            assertEquals(steps.size(), second.size());
            for (int i = 0; i < steps.size(); i++) {
                boolean alwaysRuns = steps.get(i).check().contains("# This step always runs.");
                assertEquals(alwaysRuns ? StepResult.Outcome.DONE : StepResult.Outcome.SKIPPED,
                        second.get(i).outcome(), steps.get(i).host() + "/" + steps.get(i).id());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 10, "two passes over the course plan took " + seconds + " s");
    }

    @Test
    void theCoursePlanWithKeepalivedOnTheMastersInstallsToo() throws Exception {
        String yaml = PlanYaml.toYaml(SimHarness.coursePlan()).replace("mode: external", "mode: keepalived")
                .replaceFirst("(?m)^  host:\\n    hostname: k8s-lb\\n    address: 192.168.1.100\\n", "")
                .replace("port: 6443", "port: 16443");
        ClusterPlan plan = PlanYaml.parse(yaml, "course-keepalived");
        assertEquals(LbMode.KEEPALIVED, plan.lbMode());
        assertTrue(PlanValidator.validate(plan).stream().noneMatch(v -> v.severity() == Severity.ERROR),
                String.valueOf(PlanValidator.validate(plan)));
        try (SimHarness h = new SimHarness(plan, SimOptions.instant(), tmp)) {
            List<Step> steps = h.recipe().steps();
            assertTrue(steps.stream().anyMatch(s -> s.id().equals("lb-keepalived")));
            List<StepResult> results = h.runAll(steps);
            for (StepResult r : results) {
                assertEquals(StepResult.Outcome.DONE, r.outcome(), r.host() + "/" + r.stepId() + ": " + r.lastLines());
            }
            assertEquals(steps.size(), results.size());
            assertEquals(5, h.sim.clusterMembers().size());
        }
    }
}
