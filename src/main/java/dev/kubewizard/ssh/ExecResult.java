package dev.kubewizard.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a remote command ended.
 *
 * @param exitCode     the command's exit code when {@link Ending#EXITED} (128 + N when killed by signal N, as bash
 *                     reports it; -1 when the server sent neither), else -1
 * @param lastLines    the last lines it printed (both streams, masked), for failure reports
 * @param outputs      collected {@code ::kubewizard-output} values (unmasked: the caller needs the real token)
 * @param stdout       standard output bytes when it was captured, else empty
 * @param processGroup the remote process group the command ran in, 0 when not known; after a lost connection,
 *                     {@link RemoteShell#stopProcessGroup} stops what it left running
 */
public record ExecResult(Ending ending, int exitCode, Duration duration, List<String> lastLines,
                         Map<String, String> outputs, byte[] stdout, long processGroup) {
    public enum Ending {
        /** The command finished and the server reported its exit code. */
        EXITED,
        /** The connection broke before the command's end was known; the command may still be running. */
        CONNECTION_LOST,
        /** Cancelled by the caller; its processes were stopped. */
        CANCELLED
    }

    public ExecResult {
        Objects.requireNonNull(ending, "ending");
        lastLines = List.copyOf(lastLines);
        outputs = Map.copyOf(outputs);
        stdout = stdout == null ? new byte[0] : stdout;
    }

    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode == 0;
    }
}
