package dev.kubewizard.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A command to run on a node: bash text, run by {@code bash -c} in a process group of its own (so that cancelling it
 * stops everything it started).
 *
 * <p>The script text travels on the remote command line, where other users of the node can see it ({@code ps}):
 * it must never contain a secret. Secrets go to {@code stdin}, which is closed (EOF) after the given bytes.
 *
 * @param runAsRoot     run as root: directly when logged in as root, else through sudo
 * @param captureStdout keep standard output as raw bytes in {@link ExecResult#stdout()} instead of line events
 *                      (to read files); standard error still arrives as lines
 * @param outputs       names of {@code ::kubewizard-output NAME=value} lines to collect into
 *                      {@link ExecResult#outputs()}
 * @param secretOutputs the subset of {@code outputs} whose values are secrets: masked from the moment they appear
 */
public record RemoteCommand(String script, byte[] stdin, boolean runAsRoot, boolean captureStdout, Set<String> outputs,
                            Set<String> secretOutputs) {
    public RemoteCommand {
        Objects.requireNonNull(script, "script");
        stdin = stdin == null ? new byte[0] : stdin.clone();
        outputs = Set.copyOf(outputs);
        secretOutputs = Set.copyOf(secretOutputs);
        if (!outputs.containsAll(secretOutputs)) {
            throw new IllegalArgumentException("secret outputs must be outputs too: " + secretOutputs);
        }
    }

    /** The command as the login user, with empty standard input. */
    public static RemoteCommand of(String script) {
        return new RemoteCommand(script, new byte[0], false, false, Set.of(), Set.of());
    }

    public RemoteCommand asRoot() {
        return new RemoteCommand(script, stdin, true, captureStdout, outputs, secretOutputs);
    }

    public RemoteCommand withStdin(byte[] bytes) {
        return new RemoteCommand(script, bytes, runAsRoot, captureStdout, outputs, secretOutputs);
    }

    public RemoteCommand withStdin(String text) {
        return withStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    public RemoteCommand capturingStdout() {
        return new RemoteCommand(script, stdin, runAsRoot, true, outputs, secretOutputs);
    }

    public RemoteCommand collecting(Set<String> names, Set<String> secretNames) {
        return new RemoteCommand(script, stdin, runAsRoot, captureStdout, names, secretNames);
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteCommand c && script.equals(c.script) && Arrays.equals(stdin, c.stdin)
                && runAsRoot == c.runAsRoot && captureStdout == c.captureStdout && outputs.equals(c.outputs)
                && secretOutputs.equals(c.secretOutputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(script, Arrays.hashCode(stdin), runAsRoot, captureStdout, outputs, secretOutputs);
    }

    @Override
    public String toString() {
        // stdin may hold secrets: only its size is shown
        return "RemoteCommand[" + (runAsRoot ? "as root: " : "") + script + ", stdin " + stdin.length + " bytes]";
    }
}
