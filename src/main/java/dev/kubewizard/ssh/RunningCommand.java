package dev.kubewizard.ssh;

import java.time.Duration;
import java.util.Optional;

/** A remote command that was started; its lines go to the listener given at start. */
public interface RunningCommand {
    /**
     * Stops the command and everything it started on the node (its whole process group: TERM, then KILL after a
     * grace period), over a second channel. Returns at once; {@link #await()} then ends with
     * {@link ExecResult.Ending#CANCELLED}.
     */
    void cancel();

    /** Waits for the end: the command exited, the connection was lost, or it was cancelled. */
    ExecResult await() throws InterruptedException;

    /** Waits at most {@code timeout}; empty when the command is still running. */
    Optional<ExecResult> await(Duration timeout) throws InterruptedException;
}
