package dev.kubewizard.ui.install;

import dev.kubewizard.run.StepState;
import java.util.Collection;

/** One cell of the overview (a machine's steps in one phase), summed up from the states of those steps. */
public enum CellState {
    /** The machine has no step in this phase. */
    NONE,
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    BLOCKED,
    CANCELLED;

    /** Running wins, then failed, cancelled, blocked; done only when every step is done (or already in place). */
    public static CellState of(Collection<StepState> steps) {
        if (steps.isEmpty()) {
            return NONE;
        }
        boolean failed = false;
        boolean cancelled = false;
        boolean blocked = false;
        boolean allFinished = true;
        for (StepState s : steps) {
            if (s == StepState.RUNNING) {
                return RUNNING;
            }
            failed |= s == StepState.FAILED;
            cancelled |= s == StepState.CANCELLED;
            blocked |= s == StepState.BLOCKED;
            allFinished &= s.isFinished();
        }
        if (failed) {
            return FAILED;
        }
        if (cancelled) {
            return CANCELLED;
        }
        if (blocked) {
            return BLOCKED;
        }
        return allFinished ? DONE : PENDING;
    }
}
