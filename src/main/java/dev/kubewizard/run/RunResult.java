package dev.kubewizard.run;

import dev.kubewizard.plan.Severity;
import dev.kubewizard.recipe.KubeadmLeftovers;
import dev.kubewizard.text.Text;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a round of the run ended. FAILED names every failed step (with its machine, exit code and last lines), the
 * steps that did not run because of them, and any cluster-wide preflight errors.
 */
public record RunResult(Outcome outcome, List<StepFailure> failures, List<BlockedStep> blocked,
                        List<ClusterFinding> findings, Map<String, NodeState> nodes, int stepsDone, int stepsTotal,
                        Duration elapsed) {
    public enum Outcome {
        SUCCEEDED, FAILED, CANCELLED
    }

    public RunResult {
        failures = List.copyOf(failures);
        blocked = List.copyOf(blocked);
        findings = List.copyOf(findings);
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));  // plan order
    }

    /**
     * @param kind FAILED or CONNECTION_LOST
     */
    public record StepFailure(StepKey step, Text title, StepResult.Outcome kind, int exitCode, List<String> lastLines,
                              String detail) {
        public StepFailure {
            lastLines = List.copyOf(lastLines);
        }

        /** The step found leftovers of an earlier kubeadm run: offer "reset node", then a retry. */
        public boolean needsReset() {
            return kind == StepResult.Outcome.FAILED && exitCode == KubeadmLeftovers.EXIT_NEEDS_RESET;
        }
    }

    /**
     * A step that did not run: {@code cause} failed before it; empty when the cluster-wide preflight stopped the run
     * or when the round ran other machines only ({@link Orchestrator#start(java.util.Set)}).
     */
    public record BlockedStep(StepKey step, Optional<StepKey> cause) {
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** The machines with a failed step, in the order of the failures. */
    public List<String> failedHosts() {
        return failures.stream().map(f -> f.step().host()).distinct().toList();
    }

    public List<ClusterFinding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }
}
