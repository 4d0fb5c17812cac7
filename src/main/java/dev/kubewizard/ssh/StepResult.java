package dev.kubewizard.ssh;

import dev.kubewizard.text.Text;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one step ended on its node.
 *
 * @param exitCode   the script's exit code when {@link Outcome#FAILED} by the script, else 0 (DONE) or -1
 * @param lastLines  its last output lines, masked (for the failure report and the diagnosis)
 * @param outputs    the values it printed with {@code kw_output}, unmasked (only when DONE)
 * @param duration   from start to end, including reconnects
 * @param reconnects how many times the connection was re-established during the step
 * @param problem    why it failed or was abandoned when that was not the script's exit code; null otherwise
 * @param leftover   for {@link Outcome#CONNECTION_LOST}: the remote process group the interrupted command may still
 *                   be running in (0 when unknown); stop it with {@code stopProcessGroup(leftover, true)} once
 *                   connected again, before the step is retried
 */
public record StepResult(String stepId, String host, Outcome outcome, int exitCode, List<String> lastLines,
                         Map<String, String> outputs, Duration duration, int reconnects, Text problem,
                         long leftover) {
    public enum Outcome {
        /** The check passed: the step's effect was already in place, nothing ran. */
        SKIPPED,
        /** The script ran and exited 0. */
        DONE,
        /** The script exited non-zero, or the step could not be prepared. */
        FAILED,
        /** The connection broke and could not be re-established. */
        CONNECTION_LOST,
        /** Cancelled; the step's remote processes were stopped. */
        CANCELLED
    }

    public StepResult {
        Objects.requireNonNull(outcome, "outcome");
        lastLines = List.copyOf(lastLines);
        outputs = Map.copyOf(outputs);
    }

    /** True when the node is in the state the step describes (run now or found already done). */
    public boolean isDone() {
        return outcome == Outcome.SKIPPED || outcome == Outcome.DONE;
    }
}
