package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Step;
import dev.kubewizard.ssh.CancelSignal;
import dev.kubewizard.ssh.JschRemoteShell;
import dev.kubewizard.ssh.StepObserver;
import dev.kubewizard.ssh.StepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected into simulated nodes, as the real StepRunner meets them. */
class SimulatedFaultsTest {
    @TempDir
    Path tmp;

    /** Everything before a step on a host, so that the step itself can run. */
    private static void runUpTo(SimHarness h, String host, String id) throws Exception {
        List<Step> steps = SimulatedStepsTest.masterWorkerAndLb(h);
        int at = steps.indexOf(SimulatedStepsTest.step(h, host, id));
        List<StepResult> before = h.runAll(steps.subList(0, at));
        assertTrue(before.stream().allMatch(StepResult::isDone), String.valueOf(before));
    }

    @Test
    void aFailedContainerdInstallShowsTheDpkgLockAndExits100WhileTheOtherNodesGoOn() throws Exception {
        SimOptions o = SimOptions.instant().faults("k8s-node2:containerd:fail");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            StepResult failed = h.run(SimulatedStepsTest.step(h, "k8s-node2", "containerd"));
            assertEquals(StepResult.Outcome.FAILED, failed.outcome());
            assertEquals(100, failed.exitCode());
            assertTrue(failed.lastLines().contains(
                    "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1873 (unattended-upgr)"));
            assertTrue(failed.lastLines().stream().anyMatch(l -> l.startsWith("Waiting for cache lock:")));
            assertFalse(h.sim.node("k8s-node2").isDone("containerd"));

            StepResult other = h.run(SimulatedStepsTest.step(h, "k8s-node1", "containerd"));
            assertEquals(StepResult.Outcome.DONE, other.outcome());
            StepResult again = h.run(SimulatedStepsTest.step(h, "k8s-node2", "containerd"));
            assertEquals(StepResult.Outcome.FAILED, again.outcome(), "a fault without @N stays");
        }
    }

    @Test
    void aFailedInitShowsKubeadmsPortErrorAndAsksForAResetAndARetrySucceedsWhenTheFaultWasOnce() throws Exception {
        SimOptions o = SimOptions.instant().faults("k8s-master1:kubeadm-init:fail@1");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            runUpTo(h, "k8s-master1", "kubeadm-init");
            Step init = SimulatedStepsTest.step(h, "k8s-master1", "kubeadm-init");
            StepResult failed = h.run(init);
            assertEquals(StepResult.Outcome.FAILED, failed.outcome());
            assertEquals(4, failed.exitCode(), "the script's exit code for 'reset node'");
            assertTrue(failed.lastLines().contains("\t[ERROR Port-6443]: Port 6443 is in use"));
            assertTrue(failed.lastLines().stream().anyMatch(l -> l.contains("Use \"reset node\" on k8s-master1")),
                    String.valueOf(failed.lastLines()));
            assertTrue(failed.lastLines().stream().anyMatch(l -> l.contains("请在 kubewizard 中对 k8s-master1 执行“重置节点”")),
                    "the script's own message, in both languages");
            assertFalse(h.sim.clusterInitialised());

            StepResult retried = h.run(init);
            assertEquals(StepResult.Outcome.DONE, retried.outcome());
            assertTrue(h.sim.clusterInitialised());
        }
    }

    @Test
    void aFaultWithAnExitCodeEndsWithThatCode() throws Exception {
        SimOptions o = SimOptions.instant().fault(Fault.fail("k8s-lb", "firewall", 42));
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            StepResult r = h.run(SimulatedStepsTest.step(h, "k8s-lb", "firewall"));
            assertEquals(42, r.exitCode());
            assertTrue(r.lastLines().contains("ERROR: problem running ufw-init"));
        }
    }

    @Test
    void aConnectionCutInTheMiddleOfAJoinIsRecoveredAndTheInterruptedJoinIsStoppedAndRunAgain() throws Exception {
        SimOptions o = SimOptions.instant().faults("k8s-node1:kubeadm-join:drop");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            runUpTo(h, "k8s-node1", "kubeadm-join");
            SimulatedNode node = h.sim.node("k8s-node1");
            SimHarness.Lines lines = new SimHarness.Lines();
            StepResult r = h.run(SimulatedStepsTest.step(h, "k8s-node1", "kubeadm-join"), lines);
            assertEquals(StepResult.Outcome.DONE, r.outcome(), String.valueOf(r.lastLines()));
            assertEquals(1, r.reconnects());
            assertEquals(List.of(StepObserver.Stage.CHECK, StepObserver.Stage.SCRIPT, StepObserver.Stage.RECONNECT,
                    StepObserver.Stage.CHECK, StepObserver.Stage.SCRIPT), lines.stages);
            assertTrue(node.commandLines().stream().anyMatch(c -> c.contains("kill -TERM -- -")),
                    "the runner stopped what the cut connection left running");
            assertTrue(nothingRunsSoon(node), "nothing of the interrupted join is left running");
            assertTrue(h.sim.clusterMembers().contains("k8s-node1"));
        }
    }

    @Test
    void aConnectionCutAfterTheJoinHadHappenedIsRecoveredByTheCheckAlone() throws Exception {
        SimOptions o = SimOptions.instant().fault(Fault.drop("k8s-node1", "kubeadm-join", true));
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            runUpTo(h, "k8s-node1", "kubeadm-join");
            SimHarness.Lines lines = new SimHarness.Lines();
            StepResult r = h.run(SimulatedStepsTest.step(h, "k8s-node1", "kubeadm-join"), lines);
            assertEquals(StepResult.Outcome.SKIPPED, r.outcome(), "after the reconnect the check found it done");
            assertEquals(1, r.reconnects());
            assertEquals(StepObserver.Stage.CHECK, lines.stages.get(lines.stages.size() - 1));
            assertTrue(h.sim.clusterMembers().contains("k8s-node1"));
        }
    }

    @Test
    void aNodeReinstalledInTheMiddleOfAStepIsRefusedWithTheChangedHostKey() throws Exception {
        SimOptions o = SimOptions.instant().faults("k8s-node2:swap:new-host-key");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            StepResult r = h.run(SimulatedStepsTest.step(h, "k8s-node2", "swap"));
            assertEquals(StepResult.Outcome.CONNECTION_LOST, r.outcome());
            assertTrue(r.problem().en().contains("has changed"), r.problem().en());
        }
    }

    @Test
    void cancellingAStepStopsItsOutputOnTheNodeAndLeavesItUndone() throws Exception {
        SimOptions o = SimOptions.demo();   // containerd takes 12 s at the demo's pace
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            JschRemoteShell shell = h.shell("k8s-node1");
            SimulatedNode node = h.sim.node("k8s-node1");
            Step containerd = SimulatedStepsTest.step(h, "k8s-node1", "containerd");
            SimHarness.Lines lines = new SimHarness.Lines();
            CancelSignal cancel = new CancelSignal();
            CompletableFuture<StepResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return SimHarness.RUNNER.run(shell, containerd, h.inputsFor(containerd), lines, cancel);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.currentTimeMillis() + 10_000;
            while (lines.lines.size() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(lines.lines.size() >= 5, "the step streams its lines as they come");
            long cancelled = System.nanoTime();
            cancel.cancel();
            StepResult r = running.get(8, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - cancelled) / 1e9;
            assertEquals(StepResult.Outcome.CANCELLED, r.outcome());
            assertTrue(seconds < 3, "stopped within " + seconds + " s, long before the step's 12 s");
            int seen = lines.lines.size();
            Thread.sleep(600);
            assertEquals(seen, lines.lines.size(), "no line after the stop");
            assertTrue(nothingRunsSoon(node));
            assertFalse(node.isDone("containerd"));
            assertTrue(node.commandLines().stream().anyMatch(c -> c.contains("kill -TERM -- -")));
        }
    }

    @Test
    void aHangingStepIsStoppedByCancel() throws Exception {
        SimOptions o = SimOptions.instant().faults("k8s-master3:kernel:hang");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            JschRemoteShell shell = h.shell("k8s-master3");
            Step kernel = SimulatedStepsTest.step(h, "k8s-master3", "kernel");
            CancelSignal cancel = new CancelSignal();
            CompletableFuture<StepResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return SimHarness.RUNNER.run(shell, kernel, h.inputsFor(kernel), new SimHarness.Lines(), cancel);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.currentTimeMillis() + 5000;
            while (h.sim.node("k8s-master3").runningProcessGroups().isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertFalse(running.isDone(), "the step makes no progress");
            cancel.cancel();
            assertEquals(StepResult.Outcome.CANCELLED, running.get(5, TimeUnit.SECONDS).outcome());
            assertTrue(nothingRunsSoon(h.sim.node("k8s-master3")), "the kill itself may take a moment to end");
        }
    }

    /** Whether the node's process groups are all gone within two seconds. */
    private static boolean nothingRunsSoon(SimulatedNode node) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (!node.runningProcessGroups().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return node.runningProcessGroups().isEmpty();
    }

    @Test
    void aSlowNodeTakesThatManyTimesAsLong() throws Exception {
        SimOptions o = SimOptions.demo().durations(StepDurations.uniform(Duration.ofMillis(300), Duration.ZERO))
                .faults("k8s-node1:*:slow=3");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            assertEquals(Duration.ofMillis(900), h.sim.stepDuration("k8s-node1", "prep", "kernel"));
            long t0 = System.nanoTime();
            h.run(SimulatedStepsTest.step(h, "k8s-node2", "kernel"));
            double normal = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            h.run(SimulatedStepsTest.step(h, "k8s-node1", "kernel"));
            double slow = (System.nanoTime() - t0) / 1e6;
            assertTrue(normal >= 300, "normal node: " + normal + " ms");
            assertTrue(slow >= 900, "slow node: " + slow + " ms");
            assertTrue(slow - normal >= 450, "the slow node took " + (slow - normal) + " ms longer, not about 600");
        }
    }
}
