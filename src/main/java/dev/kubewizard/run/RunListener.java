package dev.kubewizard.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Receives what happens in a run, on the orchestrator's one event thread, in the order it happened (for one step:
 * RUNNING, its lines, then how it ended). Never called while the orchestrator holds a lock; a slow listener delays
 * only other listeners, never the steps: when it falls too far behind, lines are left out for listeners (the log file
 * and the console buffers keep them) and {@link #linesDropped} says how many. A GUI should not update per line: it
 * drains {@link LineBuffer}s on a timer instead.
 */
public interface RunListener {
    default void stepChanged(StepChange change) {
    }

    default void nodeChanged(NodeChange change) {
    }

    default void line(StepLine line) {
    }

    default void progress(Progress progress) {
    }

    /** {@code count} lines of {@code host} were not passed to listeners because they fell behind. */
    default void linesDropped(String host, long count) {
    }

    default void clusterChecked(List<ClusterFinding> findings) {
    }

    /** A round of the run ended: no step runs and none can start. */
    default void finished(RunResult result) {
    }

    /**
     * @param result how the step ended, when it did (DONE, SKIPPED, FAILED, CANCELLED); empty otherwise
     * @param blockedBy for BLOCKED: the failed step it waited for
     */
    record StepChange(StepKey step, StepState from, StepState to, Instant time, Optional<StepResult> result,
                      Optional<StepKey> blockedBy) {
    }

    record NodeChange(String host, NodeState from, NodeState to, Instant time) {
    }

    /**
     * @param eta a rough estimate: the time per finished step so far times the steps left; empty before any step
     *            finished in this round
     */
    record Progress(int done, int total, Duration elapsed, Optional<Duration> eta) {
        public double fraction() {
            return total == 0 ? 1.0 : (double) done / total;
        }
    }
}
