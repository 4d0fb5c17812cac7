package dev.kubewizard.run;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The course plan's recipe and settings that tests share. */
final class TestRuns {
    static final String HARBOR_PASSWORD = "Harbor-canary-7c1e9";
    static final String M1 = "k8s-master1";
    static final String M2 = "k8s-master2";
    static final String M3 = "k8s-master3";
    static final String N1 = "k8s-node1";
    static final String N2 = "k8s-node2";
    static final String LB = "k8s-lb";

    private TestRuns() {
    }

    static ClusterPlan coursePlan() {
        return PlanYaml.courseExample();
    }

    static Recipe courseRecipe() {
        return InstallRecipe.build(coursePlan(), RecipeInputs.none());
    }

    static RunSettings settings() {
        return RunSettings.defaults().withValues(Map.of("KW_HARBOR_PASSWORD", HARBOR_PASSWORD))
                .withReconnect(3, Duration.ofMillis(10));
    }

    /** Every event a listener received, in order. */
    static final class Recorder implements RunListener {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void stepChanged(StepChange change) {
            events.add(change);
        }

        @Override
        public void nodeChanged(NodeChange change) {
            events.add(change);
        }

        @Override
        public void line(StepLine line) {
            events.add(line);
        }

        @Override
        public void clusterChecked(List<ClusterFinding> findings) {
            events.add(findings);
        }

        @Override
        public void finished(RunResult result) {
            events.add(result);
        }

        <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
