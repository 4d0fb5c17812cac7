package dev.kubewizard.run;

import static dev.kubewizard.run.TestRuns.LB;
import static dev.kubewizard.run.TestRuns.M1;
import static dev.kubewizard.run.TestRuns.M2;
import static dev.kubewizard.run.TestRuns.M3;
import static dev.kubewizard.run.TestRuns.N1;
import static dev.kubewizard.run.TestRuns.N2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.Step;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunGraphTest {
    private final RunGraph graph = RunGraph.of(TestRuns.courseRecipe());

    private static StepKey k(String host, String id) {
        return new StepKey(host, id);
    }

    /** Everything the step waits for, directly or not. */
    private Set<StepKey> upstream(RunGraph g, StepKey key) {
        Set<StepKey> seen = new HashSet<>();
        List<StepKey> todo = new java.util.ArrayList<>(g.dependenciesOf(key));
        while (!todo.isEmpty()) {
            StepKey d = todo.remove(todo.size() - 1);
            if (seen.add(d)) {
                todo.addAll(g.dependenciesOf(d));
            }
        }
        return seen;
    }

    @Test
    void eachJoinTakesItsValuesFromTheJoinDataMadeForThatNode() {
        assertEquals(Map.of("KW_JOIN_TOKEN", k(M1, "join-data-k8s-master2"),
                        "KW_CA_CERT_HASH", k(M1, "join-data-k8s-master2"),
                        "KW_CERTIFICATE_KEY", k(M1, "join-data-k8s-master2")),
                graph.producersOf(k(M2, "kubeadm-join")));
        assertEquals(Map.of("KW_JOIN_TOKEN", k(M1, "join-data-k8s-node2"),
                        "KW_CA_CERT_HASH", k(M1, "join-data-k8s-node2")),
                graph.producersOf(k(N2, "kubeadm-join")));
        assertTrue(graph.isOnBehalfOfAnother(k(M1, "join-data-k8s-node1")));
        assertFalse(graph.isOnBehalfOfAnother(k(M1, "kubeadm-init")));
    }

    @Test
    void theHarborPasswordIsTheOnlyValueTheCallerSupplies() {
        assertEquals(List.of("KW_HARBOR_PASSWORD"), graph.suppliedValues().stream().map(v -> v.name()).toList());
        assertTrue(graph.suppliedValues().get(0).secret());
    }

    @Test
    void joinDataIsMadeWhenTheJoiningNodeIsReadyAndNotBefore() {
        List<StepKey> deps = graph.dependenciesOf(k(M1, "join-data-k8s-node1"));
        assertTrue(deps.contains(k(N1, "kubernetes-packages")), "the worker's prep is done: " + deps);
        assertTrue(deps.contains(k(M1, "kubectl-config")), "the first master is initialised");
        assertFalse(upstream(graph, k(M1, "join-data-k8s-node1")).contains(k(M1, "join-data-k8s-node2")),
                "one worker's join data does not wait for another's");
    }

    @Test
    void mastersJoinOneAtATimeAndWorkersAfterThem() {
        Set<StepKey> beforeMaster3 = upstream(graph, k(M1, "join-data-k8s-master3"));
        assertTrue(beforeMaster3.contains(k(M2, "kubeadm-join")));
        Set<StepKey> beforeWorker = upstream(graph, k(N1, "kubeadm-join"));
        assertTrue(beforeWorker.contains(k(M3, "kubeadm-join")));
        assertFalse(beforeWorker.contains(k(N2, "kubeadm-join")));
        assertFalse(upstream(graph, k(N2, "kubeadm-join")).contains(k(N1, "kubeadm-join")));
    }

    @Test
    void prepWaitsForEveryPreflightButForNoOtherMachinesPrep() {
        Set<StepKey> beforePrep = upstream(graph, k(N1, "kubernetes-packages"));
        for (String host : List.of(M1, M2, M3, N1, N2, LB)) {
            assertTrue(beforePrep.contains(k(host, "preflight")), host);
        }
        assertTrue(beforePrep.stream().filter(d -> !d.host().equals(N1))
                .allMatch(d -> d.stepId().equals("preflight")), beforePrep.toString());
    }

    @Test
    void initWaitsForTheLoadBalancerAndTheFirstMastersPrepOnly() {
        Set<StepKey> beforeInit = upstream(graph, k(M1, "kubeadm-init"));
        assertTrue(beforeInit.contains(k(LB, "lb-nginx")));
        assertTrue(beforeInit.contains(k(M1, "kubernetes-packages")));
        assertFalse(beforeInit.contains(k(M2, "kubernetes-packages")));
        assertFalse(beforeInit.contains(k(N1, "hostname")));
    }

    @Test
    void theWholeClusterPhasesWaitForEveryEarlierStep() {
        Set<StepKey> beforeCalico = upstream(graph, k(M1, "calico"));
        graph.steps().stream().filter(s -> graph.step(s).phase().compareTo(Phase.CNI) < 0)
                .forEach(s -> assertTrue(beforeCalico.contains(s), s.toString()));
        assertTrue(upstream(graph, k(M1, "verify-cluster")).contains(k(M1, "harbor")));
    }

    @Test
    void keepalivedLoadBalancersOnTheMastersComeBeforeInit() throws Exception {
        ClusterPlan plan = plan("keepalived.yaml");
        RunGraph g = RunGraph.of(InstallRecipe.build(plan, RecipeInputs.none()));
        List<StepKey> lbSteps = g.steps().stream().filter(s -> g.step(s).phase() == Phase.LB).toList();
        assertTrue(lbSteps.stream().map(StepKey::host).distinct().count() == 3, lbSteps.toString());
        Set<StepKey> beforeInit = upstream(g, k(M1, "kubeadm-config"));
        assertTrue(beforeInit.containsAll(lbSteps));
    }

    @Test
    void aPlanWithOneMasterAndNoWorkersStillFormsAGraph() throws Exception {
        Recipe recipe = InstallRecipe.build(plan("one-master.yaml"), RecipeInputs.none());
        RunGraph g = RunGraph.of(recipe);
        assertEquals(recipe.steps().size(), g.steps().size());
        for (StepKey s : g.steps()) {
            for (StepKey d : g.dependenciesOf(s)) {
                assertTrue(g.position(d) < g.position(s));
            }
        }
    }

    @Test
    void theCriticalPathIsTheLongestChainOfDependencies() {
        Duration unit = graph.criticalPath(s -> 1);
        long perHostLongest = graph.hosts().stream().mapToLong(h -> graph.steps().stream()
                .filter(s -> s.host().equals(h)).count()).max().orElseThrow();
        assertTrue(unit.toMillis() >= perHostLongest, unit + " vs " + perHostLongest);
        Duration slowWorker = graph.criticalPath(s -> s.equals(k(N2, "containerd")) ? 1_000_000 : 1);
        assertTrue(slowWorker.toMillis() > 1_000_000);
        assertTrue(slowWorker.toMillis() < 1_000_000 + unit.toMillis());
    }

    @Test
    void everyStepOfTheRecipeIsInTheGraphInRecipeOrder() {
        List<StepKey> recipeOrder = TestRuns.courseRecipe().steps().stream().map(StepKey::of).toList();
        assertEquals(recipeOrder, graph.steps());
        Step first = graph.step(recipeOrder.get(0));
        assertEquals(Phase.PREFLIGHT, first.phase());
    }

    private static ClusterPlan plan(String name) throws Exception {
        try (InputStream in = RunGraphTest.class.getResourceAsStream("/dev/kubewizard/plans/" + name)) {
            return PlanYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }
}
