package dev.kubewizard.diagnosis;

import dev.kubewizard.recipe.Phase;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A step that did not succeed, as the installer saw it: which step on which machine, how it ended, and everything it
 * printed (stdout and stderr interleaved, already masked).
 *
 * @param stepId   the step's id, e.g. {@code kubeadm-init}
 * @param host     the plan hostname of the machine it ran on
 * @param exitCode the script's exit code; empty when the SSH connection was lost and could not be re-established
 * @param output   the step's output lines, oldest first (any number; the diagnosis reads them once)
 */
public record FailedStep(String stepId, Phase phase, String host, OptionalInt exitCode, List<String> output) {
    public FailedStep {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(exitCode, "exitCode");
        output = List.copyOf(output);
    }

    /** The script ran to its end and exited with a code other than 0. */
    public static FailedStep exited(String stepId, Phase phase, String host, int exitCode, List<String> output) {
        return new FailedStep(stepId, phase, host, OptionalInt.of(exitCode), output);
    }

    /** The SSH connection broke off during the step, and reconnecting failed. */
    public static FailedStep connectionLost(String stepId, Phase phase, String host, List<String> output) {
        return new FailedStep(stepId, phase, host, OptionalInt.empty(), output);
    }

    public boolean connectionLost() {
        return exitCode.isEmpty();
    }
}
