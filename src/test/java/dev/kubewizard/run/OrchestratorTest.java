package dev.kubewizard.run;

import static dev.kubewizard.run.TestRuns.LB;
import static dev.kubewizard.run.TestRuns.M1;
import static dev.kubewizard.run.TestRuns.M2;
import static dev.kubewizard.run.TestRuns.M3;
import static dev.kubewizard.run.TestRuns.N1;
import static dev.kubewizard.run.TestRuns.N2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.JoinData;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OrchestratorTest {
    private final Recipe recipe = TestRuns.courseRecipe();

    private Orchestrator orchestrator(FakeNodes nodes) {
        return new Orchestrator(recipe, nodes, TestRuns.settings());
    }

    @Test
    void runsEveryStepOfTheCoursePlanOnceAndEndsWithEveryMachineDone() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();

            assertEquals(RunResult.Outcome.SUCCEEDED, result.outcome(), () -> result.failures().toString());
            assertEquals(recipe.steps().size(), nodes.executions().size());
            for (Step s : recipe.steps()) {
                nodes.only(s.host(), s.id());
            }
            assertEquals(recipe.steps().size(), result.stepsDone());
            assertEquals(List.of(M1, M2, M3, N1, N2, LB), List.copyOf(result.nodes().keySet()));
            result.nodes().forEach((host, state) -> assertEquals(NodeState.DONE, state, host));
            assertEquals(1.0, run.progress().fraction());
        }
        assertEquals(6, nodes.executorsCreated());
        assertEquals(6, nodes.executorsClosed());
    }

    @Test
    void mastersJoinStrictlyOneAfterAnotherWhileWorkersJoinTogether() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(M2, "kubeadm-join").sleeps(60);
        nodes.on(M3, "kubeadm-join").sleeps(60);
        nodes.on(N1, "kubeadm-join").sleeps(100);
        nodes.on(N2, "kubeadm-join").sleeps(100);
        try (Orchestrator run = orchestrator(nodes)) {
            assertTrue(run.run().succeeded());
        }
        FakeNodes.Execution dataM2 = nodes.only(M1, "join-data-k8s-master2");
        FakeNodes.Execution joinM2 = nodes.only(M2, "kubeadm-join");
        FakeNodes.Execution dataM3 = nodes.only(M1, "join-data-k8s-master3");
        FakeNodes.Execution joinM3 = nodes.only(M3, "kubeadm-join");
        FakeNodes.Execution joinN1 = nodes.only(N1, "kubeadm-join");
        FakeNodes.Execution joinN2 = nodes.only(N2, "kubeadm-join");
        assertTrue(dataM2.end() <= joinM2.start(), "the join data comes before the join");
        assertTrue(joinM2.end() <= dataM3.start(), "master3's turn starts after master2 has joined");
        assertTrue(dataM3.end() <= joinM3.start());
        assertTrue(joinM3.end() <= joinN1.start() && joinM3.end() <= joinN2.start(), "workers join after masters");
        assertTrue(joinN1.overlaps(joinN2), "workers join at the same time: " + joinN1 + " " + joinN2);
        FakeNodes.Execution init = nodes.only(M1, "kubeadm-init");
        assertTrue(init.end() <= dataM2.start());
    }

    @Test
    void prepOfDifferentMachinesOverlapsAndAFastMachineDoesNotWaitForASlowOne() throws Exception {
        FakeNodes nodes = new FakeNodes(1).durations(k -> k.stepId().equals("hostname") ? 80L : 1L);
        nodes.on(N2, "base-packages").sleeps(700);
        try (Orchestrator run = orchestrator(nodes)) {
            assertTrue(run.run().succeeded());
        }
        List<FakeNodes.Execution> hostnames = nodes.executions().stream()
                .filter(e -> e.key().stepId().equals("hostname")).toList();
        assertEquals(6, hostnames.size());
        for (FakeNodes.Execution a : hostnames) {
            for (FakeNodes.Execution b : hostnames) {
                assertTrue(a.overlaps(b), "every machine sets its hostname at the same time: " + a + " " + b);
            }
        }
        double slowPrepEnd = nodes.only(N2, "base-packages").end();
        assertTrue(nodes.only(N1, "kubernetes-packages").end() < slowPrepEnd, "node1 finishes its prep first");
        assertTrue(nodes.only(LB, "lb-nginx").end() < slowPrepEnd, "the load balancer is set up meanwhile");
        assertTrue(nodes.only(M1, "kubeadm-init").end() < slowPrepEnd, "init does not wait for a worker's prep");
        assertTrue(nodes.only(N1, "kubeadm-join").end() < slowPrepEnd, "node1 joins without waiting for node2");
        assertTrue(nodes.only(N2, "kubeadm-join").start() > slowPrepEnd);
    }

    @Test
    void eachJoinReadsTheValuesItsOwnJoinDataPrinted() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        try (Orchestrator run = orchestrator(nodes)) {
            assertTrue(run.run().succeeded());
        }
        for (String node : List.of(M2, M3, N1, N2)) {
            Map<String, String> inputs = nodes.only(node, "kubeadm-join").inputs();
            assertEquals(FakeNodes.tokenFor(node), inputs.get(JoinData.TOKEN.name()), node);
            assertEquals("sha256:" + "ab".repeat(32), inputs.get(JoinData.CA_CERT_HASH.name()), node);
            if (node.startsWith("k8s-master")) {
                assertEquals(FakeNodes.certificateKeyFor(node), inputs.get(JoinData.CERTIFICATE_KEY.name()), node);
            } else {
                assertFalse(inputs.containsKey(JoinData.CERTIFICATE_KEY.name()), "a worker gets no certificate key");
            }
        }
        assertEquals(Map.of("KW_HARBOR_PASSWORD", TestRuns.HARBOR_PASSWORD), nodes.only(M1, "harbor").inputs());
    }

    @Test
    void aFailingMachineStopsWhatDependsOnItWhileTheOthersFinishTheirWork() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N1, "containerd").fails(100, "E: Unable to locate package containerd.io");
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();

            assertEquals(RunResult.Outcome.FAILED, result.outcome());
            assertEquals(1, result.failures().size());
            RunResult.StepFailure failure = result.failures().get(0);
            assertEquals(new StepKey(N1, "containerd"), failure.step());
            assertEquals(100, failure.exitCode());
            assertEquals(List.of("E: Unable to locate package containerd.io"), failure.lastLines());
            assertEquals(List.of(N1), result.failedHosts());

            assertTrue(nodes.executionsOf(N1, "registry-hosts").isEmpty(), "node1's pipeline stopped");
            assertTrue(nodes.executionsOf(M1, "join-data-k8s-node1").isEmpty(), "no join data for node1");
            nodes.only(N2, "kubeadm-join");
            nodes.only(M3, "kubeadm-join");
            assertTrue(nodes.executionsOf(M1, "calico").isEmpty(), "the whole-cluster phases wait for node1");
            assertTrue(result.blocked().contains(new RunResult.BlockedStep(new StepKey(M1, "calico"),
                    java.util.Optional.of(new StepKey(N1, "containerd")))));

            assertEquals(NodeState.FAILED, run.nodeState(N1));
            assertEquals(NodeState.DONE, run.nodeState(N2));
            assertEquals(NodeState.DONE, run.nodeState(LB));
            assertEquals(NodeState.BLOCKED, run.nodeState(M1));
            assertEquals(StepState.BLOCKED, run.stepState(new StepKey(N1, "kubeadm-join")));
        }
    }

    @Test
    void clonedMachinesWithTheSameProductUuidStopTheRunBeforeAnyChange() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        String uuid = "4c4c4544-0042-3510-8052-b2c04f4e3332";
        nodes.fact(N1, "KW_PRODUCT_UUID", uuid).fact(N2, "KW_PRODUCT_UUID", uuid.toUpperCase());
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();

            assertEquals(RunResult.Outcome.FAILED, result.outcome());
            assertTrue(result.failures().isEmpty());
            assertEquals(1, result.errors().size());
            ClusterFinding finding = result.errors().get(0);
            assertEquals("duplicate-product-uuid", finding.code());
            assertEquals(List.of(N1, N2), finding.hosts());
            assertTrue(finding.message().zh().contains("克隆"), finding.message().zh());
            assertTrue(finding.message().en().contains("cloned"), finding.message().en());
            assertTrue(nodes.executions().stream().allMatch(e -> recipe.steps().stream()
                    .anyMatch(s -> StepKey.of(s).equals(e.key()) && s.phase() == Phase.PREFLIGHT)),
                    "only preflight ran");
            assertEquals(6, nodes.executions().size());
            result.nodes().forEach((host, state) -> assertEquals(NodeState.BLOCKED, state, host));
        }
    }

    @Test
    void aClockMinutesAheadStopsTheRunBeforePrep() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.fact(M3, "KW_CLOCK_EPOCH_MS", String.valueOf(System.currentTimeMillis() + 120_000));
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();

            assertEquals(RunResult.Outcome.FAILED, result.outcome());
            assertEquals(List.of("clock-skew"), result.errors().stream().map(ClusterFinding::code).toList());
            assertEquals(M3, result.errors().get(0).hosts().get(0));
            assertTrue(nodes.executionsOf(M1, "hostname").isEmpty());
        }
    }

    @Test
    void aPreflightFailureOnOneMachineKeepsEveryMachineFromChanging() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N2, "preflight").fails(1, "PROBLEM: port 10250 is in use by another program");
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();
            assertEquals(List.of(N2), result.failedHosts());
            assertEquals(6, nodes.executions().size(), "nothing but preflight ran");
        }
    }

    @Test
    void cancelStopsEveryMachineAndNothingNewStarts() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        CountDownLatch pulling = new CountDownLatch(1);
        nodes.on(M1, "kubeadm-images").sleeps(20_000).whenStarted(pulling::countDown);
        try (Orchestrator run = orchestrator(nodes)) {
            var future = run.start();
            assertTrue(pulling.await(10, TimeUnit.SECONDS));
            long before = System.nanoTime();
            run.cancel();
            RunResult result = future.get(10, TimeUnit.SECONDS);
            double cancelledAfterMs = (System.nanoTime() - before) / 1e6;

            assertEquals(RunResult.Outcome.CANCELLED, result.outcome());
            assertTrue(cancelledAfterMs < 5_000, "the running step stopped at once: " + cancelledAfterMs + " ms");
            assertEquals(StepResult.Outcome.CANCELLED, nodes.only(M1, "kubeadm-images").outcome());
            int ran = nodes.executions().size();
            Thread.sleep(100);
            assertEquals(ran, nodes.executions().size(), "nothing started after the cancel");
            assertEquals(StepState.CANCELLED, run.stepState(new StepKey(M1, "kubeadm-images")));
            assertEquals(StepState.CANCELLED, run.stepState(new StepKey(M1, "kubeadm-init")));
            assertEquals(StepState.CANCELLED, run.stepState(new StepKey(N1, "kubeadm-join")));
            assertEquals(NodeState.CANCELLED, run.nodeState(M1));
            assertEquals(NodeState.CANCELLED, run.nodeState(N1));
            assertEquals(NodeState.DONE, run.nodeState(LB), "the load balancer had finished");
        }
    }

    @Test
    void retryingTheFailedNodeCompletesTheRunWithFreshJoinData() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N1, "kubeadm-join").fails(1, "[ERROR Port-10250]: Port 10250 is in use").times(1);
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult first = run.run();
            assertEquals(List.of(N1), first.failedHosts());
            assertFalse(first.failures().get(0).needsReset());

            RunResult second = run.await(run.retry(N1));

            assertEquals(RunResult.Outcome.SUCCEEDED, second.outcome(), () -> second.failures().toString());
            assertEquals(2, nodes.executionsOf(N1, "kubeadm-join").size());
            assertEquals(2, nodes.executionsOf(M1, "join-data-k8s-node1").size(), "fresh join data for the retry");
            nodes.only(N1, "containerd");
            nodes.only(N2, "kubeadm-join");
            nodes.only(M1, "join-data-k8s-node2");
            nodes.only(M1, "calico");
            assertEquals(NodeState.DONE, run.nodeState(N1));
        }
    }

    @Test
    void aMachineThatHasJoinedGetsNoJoinDataAndItsJoinIsOnlyChecked() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.checkAnswers(N1, "kubeadm-join", true);
        nodes.checkAnswers(M2, "kubeadm-join", true);
        TestRuns.Recorder events = new TestRuns.Recorder();
        try (Orchestrator run = orchestrator(nodes)) {
            run.addListener(events);
            RunResult result = run.run();

            assertEquals(RunResult.Outcome.SUCCEEDED, result.outcome(), () -> result.failures().toString());
            // no token, no certificate upload for the machines that have joined; the others as before
            assertTrue(nodes.executionsOf(M1, "join-data-k8s-node1").isEmpty());
            assertTrue(nodes.executionsOf(M1, "join-data-k8s-master2").isEmpty());
            assertTrue(nodes.executionsOf(N1, "kubeadm-join").isEmpty());
            assertTrue(nodes.executionsOf(M2, "kubeadm-join").isEmpty());
            nodes.only(M1, "join-data-k8s-node2");
            nodes.only(M1, "join-data-k8s-master3");
            assertTrue(nodes.only(N2, "kubeadm-join").inputs().containsKey(JoinData.TOKEN.name()));
            for (String host : List.of(N1, M2)) {
                assertEquals(StepState.SKIPPED, run.stepState(new StepKey(host, "kubeadm-join")));
                assertEquals(StepState.SKIPPED,
                        run.stepState(new StepKey(M1, "join-data-" + host)));
                // asked twice: before the join data (on behalf of it) and as the join itself
                assertEquals(2, nodes.checks().stream().filter(new StepKey(host, "kubeadm-join")::equals).count());
            }
            assertEquals(1, nodes.checks().stream().filter(new StepKey(N2, "kubeadm-join")::equals).count(),
                    "node2 has not joined: asked once, then the join data is made and the join runs");
            List<String> notes = events.of(StepLine.class).stream().filter(l -> l.kind() == StepLine.Kind.NOTE)
                    .filter(l -> l.stepId().equals("join-data-k8s-node1")).map(StepLine::text).toList();
            assertEquals(1, notes.size(), notes::toString);
            assertTrue(notes.get(0).contains(N1), notes.get(0));
        }
    }

    @Test
    void aJoinWhoseCheckStopsPassingFailsClearlyAndARetryMakesFreshJoinData() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        // joined when the first master asks, gone when the join itself checks, not joined ever after
        nodes.checkAnswers(N1, "kubeadm-join", true, false);
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult first = run.run();
            assertEquals(List.of(N1), first.failedHosts());
            assertTrue(nodes.executionsOf(M1, "join-data-k8s-node1").isEmpty());
            assertTrue(nodes.executionsOf(N1, "kubeadm-join").isEmpty(), "no join without join data");
            assertTrue(run.console(N1).drain().lines().stream().anyMatch(l -> l.kind() == StepLine.Kind.NOTE
                    && l.stepId().equals("kubeadm-join")
                    && l.text().equals(dev.kubewizard.text.Messages.format("run.note.joined-no-longer", "zh"))),
                    "the failure says why");

            RunResult second = run.await(run.retry(N1));

            assertEquals(RunResult.Outcome.SUCCEEDED, second.outcome(), () -> second.failures().toString());
            nodes.only(M1, "join-data-k8s-node1");
            FakeNodes.Execution join = nodes.only(N1, "kubeadm-join");
            assertTrue(join.inputs().containsKey(JoinData.TOKEN.name()), join.inputs().keySet().toString());
        }
    }

    @Test
    void retryingDoesNotTouchAnotherMachinesFailure() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N1, "swap").fails(1, "swapoff failed").times(1);
        nodes.on(N2, "swap").fails(1, "swapoff failed");
        try (Orchestrator run = orchestrator(nodes)) {
            assertEquals(List.of(N1, N2), run.run().failedHosts());
            RunResult second = run.await(run.retry(N1));
            assertEquals(List.of(N2), second.failedHosts());
            nodes.only(N2, "swap");
            nodes.only(N1, "kubeadm-join");
            assertEquals(NodeState.DONE, run.nodeState(N1));
            assertEquals(NodeState.FAILED, run.nodeState(N2));
        }
    }

    @Test
    void resettingANodeRunsTheResetStepAndOpensItsJoinAgain() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N1, "kubeadm-join").fails(4, "[ERROR FileAvailable--etc-kubernetes-kubelet.conf]").times(1);
        try (Orchestrator run = orchestrator(nodes)) {
            assertTrue(run.run().failures().get(0).needsReset(), "exit 4 asks for a reset");
            StepResult reset = run.reset(N1).get(10, TimeUnit.SECONDS);

            assertEquals(StepResult.Outcome.DONE, reset.outcome());
            FakeNodes.Execution resetRun = nodes.only(N1, "reset-node");
            assertEquals(StepState.PENDING, run.stepState(new StepKey(N1, "kubeadm-join")));
            assertEquals(StepState.PENDING, run.stepState(new StepKey(M1, "join-data-k8s-node1")));
            assertEquals(StepState.DONE, run.stepState(new StepKey(N1, "containerd")), "prep is not undone");

            RunResult after = run.await(run.retry(N1));
            assertTrue(after.succeeded(), () -> after.failures().toString());
            assertTrue(resetRun.end() <= nodes.executionsOf(N1, "kubeadm-join").get(1).start());
            assertThrows(IllegalArgumentException.class, () -> run.reset(LB), "no kubeadm on the load balancer");
        }
    }

    @Test
    void commandsAreRefusedWhileARoundRuns() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        CountDownLatch started = new CountDownLatch(1);
        nodes.on(M1, "hostname").sleeps(500).whenStarted(started::countDown);
        try (Orchestrator run = orchestrator(nodes)) {
            var future = run.start();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> run.retry(N1));
            assertThrows(IllegalStateException.class, () -> run.reset(N1));
            assertThrows(IllegalStateException.class, run::start);
            assertTrue(future.get(10, TimeUnit.SECONDS).succeeded());
        }
    }

    @Test
    void eachStepReportsRunningThenItsLinesThenHowItEnded() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N2, "firewall").skips();
        TestRuns.Recorder recorder = new TestRuns.Recorder();
        try (Orchestrator run = orchestrator(nodes)) {
            run.addListener(recorder);
            RunResult result = run.run();
            assertTrue(result.succeeded());
            assertEquals(result, recorder.events.get(recorder.events.size() - 1), "finished comes last");
        }
        Map<StepKey, List<String>> perStep = new HashMap<>();
        for (Object e : recorder.events) {
            if (e instanceof RunListener.StepChange c) {
                perStep.computeIfAbsent(c.step(), k -> new ArrayList<>()).add(c.to().name());
            } else if (e instanceof StepLine l) {
                perStep.computeIfAbsent(new StepKey(l.host(), l.stepId()), k -> new ArrayList<>()).add("line");
            }
        }
        assertEquals(recipe.steps().size(), perStep.size());
        perStep.forEach((step, seen) -> {
            String order = String.join(" ", seen);
            String ended = step.equals(new StepKey(N2, "firewall")) ? "SKIPPED" : "DONE";
            assertTrue(order.matches("RUNNING( line)+ " + ended), step + ": " + order);
        });
        Map<String, List<RunListener.NodeChange>> nodeChanges = recorder.of(RunListener.NodeChange.class).stream()
                .collect(Collectors.groupingBy(RunListener.NodeChange::host));
        nodeChanges.forEach((host, changes) -> {
            assertEquals(NodeState.PENDING, changes.get(0).from(), host);
            assertEquals(NodeState.RUNNING, changes.get(0).to(), host);
            for (int i = 1; i < changes.size(); i++) {
                assertEquals(changes.get(i - 1).to(), changes.get(i).from(), host + " changes follow on");
            }
            assertEquals(NodeState.DONE, changes.get(changes.size() - 1).to(), host);
        });
        assertTrue(recorder.events.stream().filter(e -> e instanceof StepLine l && l.kind() == StepLine.Kind.NOTE)
                .map(e -> ((StepLine) e).text()).anyMatch(t -> t.contains("跳过")), "the skip is noted in Chinese");
    }

    @Test
    void aListenerThatHangsDoesNotHoldUpTheSteps() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong dropped = new AtomicLong();
        RunListener stuck = new RunListener() {
            @Override
            public void line(StepLine line) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void linesDropped(String host, long count) {
                dropped.addAndGet(count);
            }
        };
        try (Orchestrator run = new Orchestrator(recipe, nodes, TestRuns.settings().withListenerLineBacklog(10))) {
            run.addListener(stuck);
            var future = run.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (nodes.executions().size() < recipe.steps().size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(recipe.steps().size(), nodes.executions().size(), "every step ran while the listener hung");
            assertFalse(future.isDone(), "the round ends for callers only once listeners have seen it");
            release.countDown();
            assertTrue(future.get(10, TimeUnit.SECONDS).succeeded());
            assertTrue(dropped.get() > 0, "lines beyond the backlog were counted as dropped");
            assertTrue(run.console(N1).drain().lines().stream().anyMatch(l -> l.text().equals("running containerd")),
                    "the console buffer still has every line");
        }
    }

    @Test
    void aLostConnectionIsTriedAgainAndTheStepCompletes() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N2, "apt-mirror").losesConnection().times(2);
        try (Orchestrator run = orchestrator(nodes)) {
            assertTrue(run.run().succeeded());
            assertEquals(3, nodes.executionsOf(N2, "apt-mirror").size());
            assertEquals(2, run.console(N2).drain().lines().stream()
                    .filter(l -> l.kind() == StepLine.Kind.NOTE && l.text().contains("连接断开")).count());
        }
    }

    @Test
    void aConnectionLostForGoodFailsTheStepAsSuch() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N2, "apt-mirror").losesConnection();
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();
            assertEquals(StepResult.Outcome.CONNECTION_LOST, result.failures().get(0).kind());
            assertEquals(3, nodes.executionsOf(N2, "apt-mirror").size());
        }
    }

    @Test
    void anExecutorThatThrowsFailsItsStepNotTheRun() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N1, "kernel").whenStarted(() -> {
            throw new IllegalStateException("sftp channel closed");
        });
        try (Orchestrator run = orchestrator(nodes)) {
            RunResult result = run.run();
            assertEquals(new StepKey(N1, "kernel"), result.failures().get(0).step());
            assertTrue(result.failures().get(0).detail().contains("sftp channel closed"));
            nodes.only(N2, "kubeadm-join");
        }
    }

    @Test
    void aMissingHarborPasswordIsRefusedBeforeAnythingRuns() {
        FakeNodes nodes = new FakeNodes(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Orchestrator(recipe, nodes, RunSettings.defaults()));
        assertTrue(e.getMessage().contains("KW_HARBOR_PASSWORD"), e.getMessage());
        assertEquals(List.of("KW_HARBOR_PASSWORD"),
                Orchestrator.valuesNeeded(recipe).stream().map(v -> v.name()).toList());
        assertEquals(0, nodes.executorsCreated());
    }

    @Test
    void progressCountsFinishedStepsAndEstimatesTheRest() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        List<RunListener.Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Orchestrator run = orchestrator(nodes)) {
            run.addListener(new RunListener() {
                @Override
                public void progress(Progress progress) {
                    seen.add(progress);
                }
            });
            run.run();
        }
        RunListener.Progress last = seen.get(seen.size() - 1);
        assertEquals(recipe.steps().size(), last.done());
        assertEquals(recipe.steps().size(), last.total());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).done() >= seen.get(i - 1).done());
        }
        assertTrue(seen.stream().filter(p -> p.done() > 0 && p.done() < p.total()).allMatch(p -> p.eta().isPresent()));
    }
}
