package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanHost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole install as data: plan in, steps out, phase by phase in the order of ../shared/guide/recipe.md. Pure: no
 * I/O. The plan must be free of validation errors.
 */
public final class InstallRecipe {
    private InstallRecipe() {
    }

    public static Recipe build(ClusterPlan plan, RecipeInputs inputs) {
        List<Step> steps = new ArrayList<>();
        List<PlanHost> hosts = plan.hosts();
        for (PlanHost h : hosts) {
            steps.addAll(PreflightSteps.forHost(plan, h));
        }
        for (PlanHost h : hosts) {
            steps.addAll(NodePrepSteps.forHost(plan, h));
        }
        for (PlanHost h : hosts) {
            steps.addAll(LoadBalancerSteps.forHost(plan, h));
        }
        steps.addAll(ClusterSteps.init(plan));
        Node first = plan.firstMaster();
        for (Node m : plan.masters()) {
            if (!m.equals(first)) {
                steps.addAll(ClusterSteps.joinMaster(plan, m));
            }
        }
        for (Node w : plan.workers()) {
            steps.addAll(ClusterSteps.joinWorker(plan, w));
        }
        steps.addAll(ClusterSteps.cni(plan, inputs));
        steps.addAll(ClusterSteps.harbor(plan));
        steps.addAll(ClusterSteps.verify(plan));
        requireUniqueIds(steps);
        return new Recipe(plan, steps);
    }

    private static void requireUniqueIds(List<Step> steps) {
        Set<String> seen = new HashSet<>();
        for (Step s : steps) {
            if (!seen.add(s.host() + "/" + s.id())) {
                throw new IllegalStateException("two steps named " + s.id() + " on " + s.host());
            }
        }
    }
}
