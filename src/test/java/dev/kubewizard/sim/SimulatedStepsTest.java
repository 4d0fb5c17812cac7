package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.ClusterSteps;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.ssh.StepResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real generated steps of the course plan on simulated nodes, step by step, through the real StepRunner. */
class SimulatedStepsTest {
    private static final Set<String> HOSTS = Set.of("k8s-lb", "k8s-master1", "k8s-node1");

    @TempDir
    Path tmp;

    /** The steps the first master, the first worker and the load balancer need, in recipe order. */
    static List<Step> masterWorkerAndLb(SimHarness h) {
        return h.recipe().steps().stream().filter(s -> HOSTS.contains(s.host()))
                .filter(s -> !s.id().startsWith("join-data-") || s.id().equals("join-data-k8s-node1"))
                .filter(s -> !s.id().equals("verify-cluster") && !s.id().equals("harbor"))
                .toList();
    }

    @Test
    void theFirstMasterAndAWorkerOfASudoUserAreInstalledStepByStepAndASecondPassSkipsThem() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlanAs("kwadmin"), SimOptions.instant(), tmp)) {
            List<Step> steps = masterWorkerAndLb(h);
            List<StepResult> first = h.runAll(steps);
            assertEquals(steps.size(), first.size());
            for (StepResult r : first) {
                assertEquals(StepResult.Outcome.DONE, r.outcome(), r.host() + "/" + r.stepId() + ": " + r.lastLines());
            }
            assertTrue(h.sim.clusterMembers().containsAll(List.of("k8s-master1", "k8s-node1")));
            assertTrue(h.sim.node("k8s-node1").exists("/etc/kubernetes/kubelet.conf"));
            assertTrue(h.sim.node("k8s-master1").exists("/home/kwadmin/.kube/config"),
                    "kubectl was set up for the sudo user too");

            List<StepResult> second = h.runAll(steps);
            for (int i = 0; i < steps.size(); i++) {
                boolean alwaysRuns = steps.get(i).check().contains("# This step always runs.");
                assertEquals(alwaysRuns ? StepResult.Outcome.DONE : StepResult.Outcome.SKIPPED,
                        second.get(i).outcome(), steps.get(i).host() + "/" + steps.get(i).id());
            }
        }
    }

    @Test
    void preflightReportsTheFactsOfEachMachineInTheShapesTheRealScriptPrints() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            Set<String> uuids = new HashSet<>();
            Set<String> macs = new HashSet<>();
            for (Step s : h.recipe().steps()) {
                if (!s.id().equals("preflight")) {
                    continue;
                }
                long before = System.currentTimeMillis();
                StepResult r = h.run(s);
                assertEquals(StepResult.Outcome.DONE, r.outcome());
                Map<String, String> o = r.outputs();
                assertEquals(s.host(), o.get("KW_HOSTNAME"));
                assertTrue(o.get("KW_PRODUCT_UUID")
                        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
                assertTrue(o.get("KW_MACS").matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
                long clock = Long.parseLong(o.get("KW_CLOCK_EPOCH_MS"));
                assertTrue(clock >= before && clock <= System.currentTimeMillis(), "the node's clock is now");
                assertEquals("ubuntu 24.04", o.get("KW_OS"));
                assertEquals("2", o.get("KW_CPUS"));
                assertEquals("3900", o.get("KW_MEMORY_MB"));
                assertEquals("yes", o.get("KW_SWAP_ACTIVE"), "a fresh Ubuntu server has /swap.img on");
                assertEquals("preflight: ok", r.lastLines().get(r.lastLines().size() - 1));
                uuids.add(o.get("KW_PRODUCT_UUID"));
                macs.add(o.get("KW_MACS"));
            }
            assertEquals(6, uuids.size(), "every machine has its own product_uuid");
            assertEquals(6, macs.size(), "and its own MAC address");
        }
    }

    @Test
    void clonedMachinesReportTheSameProductUuidAndMacs() throws Exception {
        SimOptions o = SimOptions.instant().faults("*:preflight:cloned-uuid k8s-node2:preflight:cloned-mac");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            Set<String> uuids = new HashSet<>();
            Set<String> macs = new HashSet<>();
            for (Step s : h.recipe().steps()) {
                if (s.id().equals("preflight")) {
                    StepResult r = h.run(s);
                    uuids.add(r.outputs().get("KW_PRODUCT_UUID"));
                    macs.add(r.outputs().get("KW_MACS"));
                }
            }
            assertEquals(1, uuids.size());
            assertEquals(5, macs.size(), "k8s-node2 has the MAC of the first machine");
        }
    }

    @Test
    void aMachineWithOneCpuFailsPreflightAsTheRealScriptWould() throws Exception {
        SimOptions o = SimOptions.instant().fault(Fault.cpus("k8s-node1", 1)).fault(Fault.memory("k8s-node1", 1500));
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            Step preflight = step(h, "k8s-node1", "preflight");
            StepResult r = h.run(preflight);
            assertEquals(StepResult.Outcome.FAILED, r.outcome());
            assertEquals(1, r.exitCode());
            assertTrue(r.lastLines().contains("PROBLEM: 1 CPU; kubeadm needs at least 2 ([ERROR NumCPU])"));
            assertTrue(r.lastLines().contains("PROBLEM: 1500 MB memory; kubeadm needs at least 1700 MB ([ERROR Mem])"));
            assertTrue(r.lastLines().contains("preflight: 2 problem(s) on k8s-node1; nothing was changed"));
        }
    }

    @Test
    void joinDataHasTheShapesTheJoinScriptChecksAndTheJoinAcceptsIt() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            List<Step> steps = masterWorkerAndLb(h);
            int join = steps.indexOf(step(h, "k8s-node1", "kubeadm-join"));
            List<StepResult> results = h.runAll(steps.subList(0, join));
            assertTrue(results.stream().allMatch(StepResult::isDone));
            StepResult data = results.get(results.size() - 1);
            assertEquals("join-data-k8s-node1", data.stepId());
            assertTrue(data.outputs().get("KW_JOIN_TOKEN").matches("[a-z0-9]{6}\\.[a-z0-9]{16}"));
            assertTrue(data.outputs().get("KW_CA_CERT_HASH").matches("sha256:[0-9a-f]{64}"));
            assertFalse(data.outputs().containsKey("KW_CERTIFICATE_KEY"), "a worker needs no certificate key");
            assertTrue(data.lastLines().contains("[output] KW_JOIN_TOKEN=******"), "the token is masked at once");

            Step masterData = step(h, "k8s-master1", "join-data-k8s-master2");
            StepResult forMaster = h.run(masterData);
            assertTrue(forMaster.outputs().get("KW_CERTIFICATE_KEY").matches("[0-9a-f]{64}"));
            assertEquals(data.outputs().get("KW_CA_CERT_HASH"), forMaster.outputs().get("KW_CA_CERT_HASH"));
            assertNotEquals(data.outputs().get("KW_JOIN_TOKEN"), forMaster.outputs().get("KW_JOIN_TOKEN"),
                    "fresh data for every join");

            h.values.putAll(data.outputs());
            StepResult joined = h.run(steps.get(join));
            assertEquals(StepResult.Outcome.DONE, joined.outcome(), String.valueOf(joined.lastLines()));
            assertTrue(joined.lastLines().contains("This node has joined the cluster:"));
        }
    }

    @Test
    void theJoinRefusesValuesOfTheWrongShapeWithTheRealScriptsMessage() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            h.values.put("KW_JOIN_TOKEN", "not-a-token");
            h.values.put("KW_CA_CERT_HASH", "sha256:" + "a".repeat(64));
            StepResult r = h.run(step(h, "k8s-node2", "kubeadm-join"));
            assertEquals(StepResult.Outcome.FAILED, r.outcome());
            assertEquals(3, r.exitCode());
            assertEquals(List.of("kubewizard: KW_JOIN_TOKEN is not a bootstrap token"), r.lastLines());
        }
    }

    @Test
    void aJoinWithATokenTheClusterNeverIssuedFailsAsKubeadmWould() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            List<Step> steps = masterWorkerAndLb(h);
            int join = steps.indexOf(step(h, "k8s-node1", "kubeadm-join"));
            h.runAll(steps.subList(0, join));
            h.values.put("KW_JOIN_TOKEN", "abcdef.0123456789abcdef");
            StepResult r = h.run(steps.get(join));
            assertEquals(StepResult.Outcome.FAILED, r.outcome());
            assertTrue(r.lastLines().stream().anyMatch(l -> l.contains(
                    "could not find a JWS signature in the cluster-info ConfigMap for token ID \"abcdef\"")));
        }
    }

    @Test
    void aStepRunBeforeWhatItNeedsFailsLikeOnARealNode() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            StepResult r = h.run(step(h, "k8s-master1", "kubeadm-init"));
            assertEquals(StepResult.Outcome.FAILED, r.outcome());
            assertEquals(127, r.exitCode());
            assertTrue(r.lastLines().get(0)
                    .matches("/tmp/kubewizard-\\w{10}/script\\.sh: line \\d+: kubeadm: command not found"),
                    r.lastLines().get(0));
        }
    }

    @Test
    void aResetNodeLeavesTheClusterAndJoinsAgainWithFreshJoinData() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            List<Step> steps = masterWorkerAndLb(h);
            assertTrue(h.runAll(steps).stream().allMatch(StepResult::isDone));
            Step reset = ClusterSteps.reset(h.plan, h.plan.workers().get(0));
            SimHarness.Lines lines = new SimHarness.Lines();
            StepResult r = h.run(reset, lines);
            assertEquals(StepResult.Outcome.DONE, r.outcome());
            assertTrue(lines.all().contains("[reset] Stopping the kubelet service"));
            assertFalse(h.sim.clusterMembers().contains("k8s-node1"));
            assertFalse(h.sim.node("k8s-node1").exists("/etc/kubernetes/kubelet.conf"));
            assertEquals(StepResult.Outcome.SKIPPED, h.run(reset).outcome(), "the node is clean now");

            Step join = step(h, "k8s-node1", "kubeadm-join");
            assertEquals(StepResult.Outcome.DONE, h.run(step(h, "k8s-master1", "join-data-k8s-node1")).outcome());
            assertEquals(StepResult.Outcome.DONE, h.run(join).outcome());
            assertTrue(h.sim.clusterMembers().contains("k8s-node1"));
        }
    }

    @Test
    void theHarborPullTestFailsOnAWrongPasswordAndPassesOnTheRightOne() throws Exception {
        SimOptions o = SimOptions.instant().harborPassword(SimHarness.HARBOR_PASSWORD);
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            Step harbor = step(h, "k8s-master1", "harbor");
            assertTrue(h.runAll(masterWorkerAndLb(h)).stream().allMatch(StepResult::isDone));
            StepResult partial = h.run(harbor);
            assertEquals(StepResult.Outcome.FAILED, partial.outcome(), "only 2 of the 5 nodes have joined yet");
            assertTrue(partial.lastLines().contains(
                    "kubewizard: after 5 minutes the test image was pulled on 2 of 5 nodes:"));
            List<Step> rest = h.recipe().steps().stream().filter(s -> s.phase() != Phase.HARBOR
                    && s.phase() != Phase.VERIFY).toList();
            assertTrue(h.runAll(rest).stream().allMatch(StepResult::isDone));
            h.values.put("KW_HARBOR_PASSWORD", "wrong-one");
            StepResult refused = h.run(harbor);
            assertEquals(StepResult.Outcome.FAILED, refused.outcome());
            assertTrue(refused.lastLines().stream().anyMatch(l -> l.contains("authorization failed")));
            h.values.put("KW_HARBOR_PASSWORD", SimHarness.HARBOR_PASSWORD);
            StepResult pulled = h.run(harbor);
            assertEquals(StepResult.Outcome.DONE, pulled.outcome());
            assertTrue(pulled.lastLines()
                    .contains("pulled harbor.labworlds.cc/go-starter/dev:lbw-v1.0 on all 5 nodes"));
            assertFalse(String.join("\n", pulled.lastLines()).contains(SimHarness.HARBOR_PASSWORD));
            assertEquals(StepResult.Outcome.SKIPPED, h.run(harbor).outcome());
        }
    }

    static Step step(SimHarness h, String host, String id) {
        return h.recipe().steps().stream().filter(s -> s.host().equals(host) && s.id().equals(id)).findFirst()
                .orElseThrow();
    }
}
