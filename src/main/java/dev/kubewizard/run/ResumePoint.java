package dev.kubewizard.run;

import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which steps an earlier run finished and a new run may take as done. Pure: graph and journal entries in, steps out.
 * <ul>
 *   <li>PREFLIGHT always runs again: the cluster-wide checks need fresh facts.</li>
 *   <li>A step counts only when its entry was made for the same script and check, and when the steps it builds on
 *       count too (after a changed step, what follows runs again; the checks skip what is still in place).</li>
 *   <li>A step whose values are secret (join data, never written down) counts only when every step that read them
 *       counts: otherwise it must make them again for the step still to run.</li>
 * </ul>
 */
final class ResumePoint {
    private ResumePoint() {
    }

    static Set<StepKey> finishedSteps(RunGraph graph, Map<StepKey, RunJournal.Entry> entries) {
        Set<StepKey> finished = new LinkedHashSet<>();
        for (StepKey k : graph.steps()) {
            if (graph.step(k).phase() == Phase.PREFLIGHT || !recorded(graph, entries, k)) {
                continue;
            }
            // A producer of secret values is taken on trust here and checked against its readers below.
            boolean foundation = graph.dependenciesOf(k).stream().allMatch(d -> finished.contains(d)
                    || graph.step(d).phase() == Phase.PREFLIGHT
                    || hasSecretOutputs(graph.step(d)) && recorded(graph, entries, d));
            if (foundation) {
                finished.add(k);
            }
        }
        for (StepKey k : graph.steps()) {
            if (finished.contains(k) && hasSecretOutputs(graph.step(k))) {
                boolean usedUp = graph.dependentsOf(k).stream()
                        .filter(d -> graph.producersOf(d).containsValue(k)).allMatch(finished::contains);
                if (!usedUp) {
                    finished.remove(k);
                }
            }
        }
        return finished;
    }

    private static boolean recorded(RunGraph graph, Map<StepKey, RunJournal.Entry> entries, StepKey k) {
        RunJournal.Entry e = entries.get(k);
        return e != null && RunJournal.sameStep(e, graph.step(k));
    }

    private static boolean hasSecretOutputs(Step s) {
        return s.outputs().stream().anyMatch(RuntimeValue::secret);
    }
}
