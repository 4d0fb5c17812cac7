package dev.kubewizard.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What came of executing one step (its check, then, if the check did not pass, its script).
 *
 * @param exitCode  the script's exit code for FAILED; 0 otherwise
 * @param lastLines the last lines of output for FAILED (kept for the failure report and diagnosis)
 * @param outputs   the {@code ::kubewizard-output NAME=value} values the script printed (DONE only)
 * @param detail    a short free text, e.g. why the connection was lost; may be empty
 */
public record StepResult(Outcome outcome, int exitCode, List<String> lastLines, Map<String, String> outputs,
                         Duration duration, String detail) {
    public enum Outcome {
        /** The check passed: the step's effect is already in place and the script did not run. Counts as done. */
        SKIPPED,
        DONE,
        /** The check or the script exited non-zero. */
        FAILED,
        /** The executor gave up reaching the node; the step may or may not have run. */
        CONNECTION_LOST,
        CANCELLED;

        public boolean isFinished() {
            return this == SKIPPED || this == DONE;
        }
    }

    public StepResult {
        Objects.requireNonNull(outcome, "outcome");
        lastLines = List.copyOf(lastLines);
        outputs = Map.copyOf(outputs);
        Objects.requireNonNull(duration, "duration");
        detail = detail == null ? "" : detail;
    }

    public static StepResult skipped(Duration duration) {
        return new StepResult(Outcome.SKIPPED, 0, List.of(), Map.of(), duration, "");
    }

    public static StepResult done(Map<String, String> outputs, Duration duration) {
        return new StepResult(Outcome.DONE, 0, List.of(), outputs, duration, "");
    }

    public static StepResult failed(int exitCode, List<String> lastLines, Duration duration) {
        return new StepResult(Outcome.FAILED, exitCode, lastLines, Map.of(), duration, "");
    }

    public static StepResult connectionLost(String detail, Duration duration) {
        return new StepResult(Outcome.CONNECTION_LOST, 0, List.of(), Map.of(), duration, detail);
    }

    public static StepResult cancelled(Duration duration) {
        return new StepResult(Outcome.CANCELLED, 0, List.of(), Map.of(), duration, "");
    }
}
