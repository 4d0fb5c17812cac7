package dev.kubewizard.ssh;

import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;

/**
 * An SSH operation that did not work, with a reason a program can act on and a message for the user in both
 * languages.
 */
public final class SshException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (retry a lost connection, never retry a changed key). */
    public enum Reason {
        /** Nothing listens on the port, no route, unknown name: the machine or address is wrong or down. */
        UNREACHABLE,
        /** No answer within the connect timeout. */
        TIMEOUT,
        /** User, password or key refused, or the key file cannot be used. */
        AUTHENTICATION,
        /** The user refused a host key seen for the first time. */
        HOST_KEY_REFUSED,
        /** The host presented a different key than known_hosts holds: possibly an attack; never accepted. */
        HOST_KEY_CHANGED,
        /** The connection broke (or was never made) while an operation needed it. */
        CONNECTION_LOST,
        /** Logged in, but root rights are not available: no sudo, no rights, or a wrong sudo password. */
        SUDO,
        /** A file transfer or remote command failed. */
        REMOTE
    }

    private final Reason reason;
    private final Text problem;

    public SshException(Reason reason, Text problem) {
        this(reason, problem, null);
    }

    public SshException(Reason reason, Text problem, Throwable cause) {
        super(problem.en(), cause);
        this.reason = reason;
        this.problem = problem;
    }

    static SshException of(Reason reason, String key, Object... args) {
        return new SshException(reason, Messages.text(key, args));
    }

    public Reason reason() {
        return reason;
    }

    public Text problem() {
        return problem;
    }

    /** The message in the given language ("zh" or "en"). */
    public String describe(String language) {
        return "en".equals(language) ? problem.en() : problem.zh();
    }
}
