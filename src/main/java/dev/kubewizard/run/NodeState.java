package dev.kubewizard.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one machine stands, derived from the states of its steps ({@link #of}); every change is checked against the
 * allowed transitions ({@link #requireTransition}).
 */
public enum NodeState {
    /** Nothing has run on it yet. */
    PENDING,
    /** A step runs on it now. */
    RUNNING,
    /** Some steps are done; the next one waits for other machines (or for its turn). */
    WAITING,
    /** Every step is done. */
    DONE,
    FAILED,
    /** Stopped because a step on another machine failed. */
    BLOCKED,
    CANCELLED;

    static {
        PENDING.next = EnumSet.of(RUNNING, WAITING, DONE, BLOCKED, CANCELLED);
        // RUNNING -> PENDING: a reset node whose steps are all open again.
        RUNNING.next = EnumSet.of(WAITING, DONE, FAILED, BLOCKED, CANCELLED, PENDING);
        WAITING.next = EnumSet.of(RUNNING, DONE, BLOCKED, CANCELLED, PENDING);
        DONE.next = EnumSet.of(RUNNING, WAITING, PENDING);
        FAILED.next = EnumSet.of(RUNNING, WAITING, PENDING, BLOCKED);
        BLOCKED.next = EnumSet.of(RUNNING, WAITING, PENDING, FAILED, CANCELLED);
        CANCELLED.next = EnumSet.of(RUNNING, WAITING, PENDING, BLOCKED);
    }

    private Set<NodeState> next;

    public boolean canBecome(NodeState target) {
        return target == this || next.contains(target);
    }

    public NodeState requireTransition(NodeState target, String host) {
        if (!canBecome(target)) {
            throw new IllegalStateException(host + ": a node cannot go from " + this + " to " + target);
        }
        return target;
    }

    /** The state a machine is in, given the states of its steps in run order. */
    public static NodeState of(Iterable<StepState> steps) {
        boolean any = false;
        boolean anyFinished = false;
        boolean allFinished = true;
        boolean failed = false;
        boolean blocked = false;
        boolean cancelled = false;
        for (StepState s : steps) {
            any = true;
            if (s == StepState.RUNNING) {
                return RUNNING;
            }
            failed |= s == StepState.FAILED;
            blocked |= s == StepState.BLOCKED;
            cancelled |= s == StepState.CANCELLED;
            anyFinished |= s.isFinished();
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
        if (any && allFinished) {
            return DONE;
        }
        return anyFinished ? WAITING : PENDING;
    }
}
