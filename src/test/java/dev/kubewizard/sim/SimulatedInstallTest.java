package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
