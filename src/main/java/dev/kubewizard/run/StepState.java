package dev.kubewizard.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one step of a run stands. Every change goes through {@link #requireTransition}: a change that is not listed
 * here is a bug in the orchestrator and fails loudly.
 */
public enum StepState {
    /** Not run yet; waits for the steps it depends on. */
    PENDING,
    RUNNING,
    /** Ran in this run, or finished in an earlier run (from the journal). */
    DONE,
    /** Its check passed: already in place. Counts as done. */
    SKIPPED,
    FAILED,
    /** Will not run in this round: a step it depends on failed (or the cluster-wide preflight found errors). */
    BLOCKED,
    CANCELLED;

    static {
        PENDING.next = EnumSet.of(RUNNING, DONE, SKIPPED, BLOCKED, CANCELLED);
        RUNNING.next = EnumSet.of(DONE, SKIPPED, FAILED, CANCELLED);
        // Done steps open again when a node is reset or when fresh join data must be made for a retried join.
        DONE.next = EnumSet.of(PENDING);
        SKIPPED.next = EnumSet.of(PENDING);
        FAILED.next = EnumSet.of(PENDING);
        BLOCKED.next = EnumSet.of(PENDING);
        CANCELLED.next = EnumSet.of(PENDING);
    }

    private Set<StepState> next;

    public boolean isFinished() {
        return this == DONE || this == SKIPPED;
    }

    /** Nothing more will happen to the step in this round. */
    public boolean isSettled() {
        return this != PENDING && this != RUNNING;
    }

    public boolean canBecome(StepState target) {
        return next.contains(target);
    }

    public StepState requireTransition(StepState target, Object what) {
        if (!canBecome(target)) {
            throw new IllegalStateException(what + ": a step cannot go from " + this + " to " + target);
        }
        return target;
    }
}
