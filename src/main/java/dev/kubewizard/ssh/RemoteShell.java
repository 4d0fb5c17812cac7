package dev.kubewizard.ssh;

import dev.kubewizard.recipe.Bash;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One node, over one SSH connection: run commands (as the login user or as root), move files, and survive a dropped
 * connection ({@link #reconnect}). Commands may run at the same time on one shell.
 *
 * <p>Every output line passes this shell's {@link SecretMasker} before any listener sees it; the shell registers its
 * own login and sudo passwords there.
 */
public interface RemoteShell extends AutoCloseable {
    SshTarget target();

    SecretMasker masker();

    /**
     * Connects, checks the host key (trust on first use, changed keys refused), logs in and finds out how commands
     * become root ({@link #sudoMode()}); a wrong sudo password or missing sudo rights fail here, before anything
     * runs.
     */
    void connect() throws SshException, InterruptedException;

    /** Drops the current connection (if any) and connects again. */
    void reconnect() throws SshException, InterruptedException;

    boolean isConnected();

    /** How commands become root; known after {@link #connect()}. */
    SudoMode sudoMode();

    /** Starts a command; its masked output lines go to {@code listener} as they arrive. */
    RunningCommand start(RemoteCommand command, LineListener listener) throws SshException;

    /** Runs a command to its end. */
    default ExecResult exec(RemoteCommand command, LineListener listener) throws SshException, InterruptedException {
        return start(command, listener).await();
    }

    /**
     * Writes a file as the login user over SFTP: absolute path, parent directories created, mode like {@code 0644}
     * (set before the content is written, so a private file is never readable by others).
     */
    void upload(byte[] content, String remotePath, String mode) throws SshException;

    /** Reads a file the login user may read, over SFTP. */
    byte[] download(String remotePath) throws SshException;

    /** Closes the connection; the shell can be connected again. */
    @Override
    void close();

    /** Reads a file only root may read (e.g. /etc/kubernetes/admin.conf): SFTP as root, else {@code sudo cat}. */
    default byte[] readAsRoot(String remotePath) throws SshException, InterruptedException {
        if (sudoMode() == SudoMode.ROOT) {
            return download(remotePath);
        }
        ExecResult r = exec(RemoteCommand.of("cat -- " + Bash.quote(remotePath)).asRoot().capturingStdout(),
                LineListener.IGNORE);
        requireSuccess(r, "cat " + remotePath);
        return r.stdout();
    }

    /**
     * Writes a file as root. A sudo user uploads it into a private temporary directory first; root then installs it
     * in place with its mode (parent directories created) and the temporary copy is removed.
     */
    default void installAsRoot(byte[] content, String remotePath, String mode) throws SshException,
            InterruptedException {
        if (sudoMode() == SudoMode.ROOT) {
            upload(content, remotePath, mode);
            return;
        }
        String dir = makePrivateDirectory();
        try {
            upload(content, dir + "/file", "0600");
            ExecResult r = exec(RemoteCommand.of("install -D -m " + Bash.quote(mode) + " " + Bash.quote(dir + "/file")
                    + " " + Bash.quote(remotePath)).asRoot(), LineListener.IGNORE);
            requireSuccess(r, "install " + remotePath);
        } finally {
            removeQuietly(dir);
        }
    }

    /** Makes a new directory only the login user can enter ({@code /tmp/kubewizard-XXXXXXXXXX}, mode 0700). */
    default String makePrivateDirectory() throws SshException, InterruptedException {
        ExecResult r = exec(RemoteCommand.of("mktemp -d /tmp/kubewizard-XXXXXXXXXX").capturingStdout(),
                LineListener.IGNORE);
        requireSuccess(r, "mktemp");
        String dir = new String(r.stdout(), StandardCharsets.UTF_8).trim();
        if (!dir.matches("/tmp/kubewizard-[A-Za-z0-9]{10}")) {
            throw SshException.of(SshException.Reason.REMOTE, "ssh.remote.failed", target().display(), "mktemp",
                    dir);
        }
        return dir;
    }

    /** Removes a directory made by {@link #makePrivateDirectory()}; problems are ignored (it lives in /tmp). */
    default void removeQuietly(String dir) throws InterruptedException {
        if (!isConnected()) {
            return;
        }
        try {
            exec(RemoteCommand.of("rm -rf -- " + Bash.quote(dir)), LineListener.IGNORE);
        } catch (SshException e) {
            // best effort: a leftover private directory in /tmp is harmless
        }
    }

    /**
     * Stops a remote process group (TERM, then KILL after 3 s): what a command left running after its connection was
     * lost ({@link ExecResult#processGroup()}).
     */
    default void stopProcessGroup(long processGroup, boolean asRoot) throws SshException, InterruptedException {
        if (processGroup <= 1) {
            throw new IllegalArgumentException("not a process group of a command: " + processGroup);
        }
        RemoteCommand kill = RemoteCommand.of(RemoteCommandLines.stopGroupScript(processGroup));
        exec(asRoot ? kill.asRoot() : kill, LineListener.IGNORE);
    }

    private void requireSuccess(ExecResult r, String what) throws SshException {
        if (r.ending() == ExecResult.Ending.CONNECTION_LOST) {
            throw SshException.of(SshException.Reason.CONNECTION_LOST, "ssh.lost", target().display());
        }
        if (!r.succeeded()) {
            List<String> lines = r.lastLines();
            throw SshException.of(SshException.Reason.REMOTE, "ssh.remote.failed", target().display(), what,
                    lines.isEmpty() ? "exit " + r.exitCode() : String.join(" / ", lines));
        }
    }
}
