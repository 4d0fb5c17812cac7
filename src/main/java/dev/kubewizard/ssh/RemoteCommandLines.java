package dev.kubewizard.ssh;

import dev.kubewizard.recipe.Bash;
import java.nio.charset.StandardCharsets;

/**
 * The exact command lines sent to the node. The login shell may be dash, so the outer line is plain POSIX sh; the
 * command itself runs in bash.
 *
 * <p>Every command runs under {@code setsid -w} as the leader of a new session and process group, and first prints
 * that group's id on stderr ({@code ::kubewizard-pgid N}, never shown). Everything the command starts stays in the
 * group unless it detaches on purpose, so {@code kill -- -N} really stops it all: closing an SSH channel does not
 * (without a terminal no SIGHUP is sent, and a process that does not write never notices), and an SSH signal request
 * would only reach the first process. {@code -w} keeps the exit code.
 *
 * <p>As root: {@code sudo -k -S -p ''} reads the password as the first line of stdin ({@code -k}: always ask, so the
 * password line is always consumed and never reaches the command), {@code sudo -n} when no password is needed.
 */
public final class RemoteCommandLines {
    /** The first line a wrapped command prints on stderr, before its process group's id. */
    public static final String PGID_MARKER = "::kubewizard-pgid ";
    static final String WRAPPER = "printf '" + PGID_MARKER + "%s\\n' \"$$\" >&2; exec bash -c \"$1\"";

    /** Prints root, passwordless, password or no-sudo: how this login becomes root. */
    public static final String SUDO_PROBE = "if [ \"$(id -u)\" = 0 ]; then echo root; "
            + "elif ! command -v sudo >/dev/null 2>&1; then echo no-sudo; "
            + "elif sudo -n true 2>/dev/null; then echo passwordless; "
            + "else echo password; fi";

    /** Checks the sudo password on stdin; messages in English whatever the node's language. */
    public static final String SUDO_PASSWORD_CHECK = "LC_ALL=C sudo -k -S -p '' -- true";

    private RemoteCommandLines() {
    }

    static String commandLine(RemoteCommand command, SudoMode mode) {
        String wrapped = "setsid -w bash -c " + Bash.quote(WRAPPER) + " kubewizard " + Bash.quote(command.script());
        if (!command.runAsRoot() || mode == SudoMode.ROOT) {
            return "exec " + wrapped;
        }
        if (mode == null) {
            throw new IllegalStateException("root commands need the sudo mode: connect first");
        }
        return switch (mode) {
            case PASSWORDLESS -> "exec sudo -n -- " + wrapped;
            case PASSWORD -> "exec sudo -k -S -p '' -- " + wrapped;
            case ROOT -> throw new AssertionError();
        };
    }

    /** Standard input: the sudo password line first when sudo asks for it, then the command's own bytes. */
    static byte[] stdin(RemoteCommand command, SudoMode mode, String sudoPassword) {
        byte[] own = command.stdin();
        if (!command.runAsRoot() || mode != SudoMode.PASSWORD) {
            return own;
        }
        byte[] pw = (sudoPassword + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[pw.length + own.length];
        System.arraycopy(pw, 0, all, 0, pw.length);
        System.arraycopy(own, 0, all, pw.length, own.length);
        java.util.Arrays.fill(pw, (byte) 0);
        return all;
    }

    /**
     * TERM to the whole group, KILL to whatever is left after 3 s; succeeds when the group is gone. Zombies count as
     * gone: a container's init may take its time to reap the orphans, and they hold nothing.
     */
    static String stopGroupScript(long processGroup) {
        String g = Long.toString(processGroup);
        return "kill -TERM -- -" + g + " 2>/dev/null || exit 0\n"
                + "for _ in $(seq 60); do\n"
                + "  ps -e -o pgid=,stat= | awk '$1 == " + g + " && $2 !~ /^Z/ { alive = 1 } END { exit !alive }'"
                + " || exit 0\n"
                + "  sleep 0.05\n"
                + "done\n"
                + "kill -KILL -- -" + g + " 2>/dev/null || true\n";
    }
}
